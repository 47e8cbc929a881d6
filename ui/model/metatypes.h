#pragma once
// The core's value types travel through queued signals between the worker thread and the window.

#include "chunkscope/results.h"

#include <QMetaType>

#include <vector>

Q_DECLARE_METATYPE(chunkscope::RunConfig)
Q_DECLARE_METATYPE(chunkscope::CellResult)
Q_DECLARE_METATYPE(std::vector<chunkscope::CellResult>)

namespace chunkscope::ui {

inline void registerMetaTypes()
{
    qRegisterMetaType<chunkscope::RunConfig>();
    qRegisterMetaType<chunkscope::CellResult>();
    qRegisterMetaType<std::vector<chunkscope::CellResult>>();
}

} // namespace chunkscope::ui
