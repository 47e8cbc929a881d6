// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What is computed: the function, its kernel, its intensity and the vector's size, with the
// size's problem (it does not fit in memory) under it.

#include "labeledslider.h"
#include "problemlabel.h"
#include "sizeslider.h"

#include "chunkscope/workload.h"

#include <QComboBox>
#include <QGroupBox>

namespace chunkscope::ui {

class WorkloadBox : public QGroupBox {
    Q_OBJECT
public:
    explicit WorkloadBox(QWidget* parent = nullptr);

    // Function, kernel, intensity and size as set; the seed is the default one.
    Workload workload() const;
    void setWorkload(const Workload& workload);

    SizeSlider* sizeSlider() const { return size_; }
    LabeledSlider* intensitySlider() const { return intensity_; }
    ProblemLabel* sizeProblemLabel() const { return sizeProblem_; }

Q_SIGNALS:
    void changed();

private:
    // The box's children, made with it, in this order; the constructor lays them out.
    QComboBox* function_ = new QComboBox(this);
    QComboBox* kernel_ = new QComboBox(this);
    LabeledSlider* intensity_ = new LabeledSlider(LabeledSlider::Scale::PowersOfTwo, this);
    SizeSlider* size_ = new SizeSlider(this);
    ProblemLabel* sizeProblem_ = new ProblemLabel(this);
};

} // namespace chunkscope::ui
