// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A combo box whose items carry an enum's value as their data (static_cast<int>).

#include <QComboBox>

namespace chunkscope::ui {

// Selects the item of value; keeps the selection when no item has it.
template <typename E>
void selectData(QComboBox* box, E value)
{
    const int i = box->findData(static_cast<int>(value));
    if (i >= 0)
        box->setCurrentIndex(i);
}

template <typename E>
E currentData(const QComboBox* box)
{
    return static_cast<E>(box->currentData().toInt());
}

} // namespace chunkscope::ui
