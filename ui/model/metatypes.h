// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The core's value types travel through queued signals between the worker thread and the window.

#include "chunkscope/mpi.h"
#include "chunkscope/pythoncosts.h"
#include "chunkscope/results.h"

#include <QMetaType>

#include <memory>
#include <vector>

namespace chunkscope::ui {
// A finished cell, shared (not copied) by the model, the selection and the last run: a cell
// may carry 200,000 task events.
using CellPtr = std::shared_ptr<const CellResult>;
} // namespace chunkscope::ui

Q_DECLARE_METATYPE(chunkscope::RunConfig)
Q_DECLARE_METATYPE(chunkscope::ui::CellPtr)
Q_DECLARE_METATYPE(chunkscope::CellResult)
Q_DECLARE_METATYPE(std::vector<chunkscope::CellResult>)
Q_DECLARE_METATYPE(chunkscope::MpiLink)
Q_DECLARE_METATYPE(chunkscope::DaskClusterCosts)

namespace chunkscope::ui {

inline void registerMetaTypes()
{
    qRegisterMetaType<chunkscope::RunConfig>();
    qRegisterMetaType<chunkscope::CellResult>();
    qRegisterMetaType<chunkscope::ui::CellPtr>();
    qRegisterMetaType<std::vector<chunkscope::CellResult>>();
    qRegisterMetaType<chunkscope::MpiLink>();
    qRegisterMetaType<chunkscope::DaskClusterCosts>();
}

} // namespace chunkscope::ui
