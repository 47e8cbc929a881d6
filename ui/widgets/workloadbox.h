#pragma once
// What is computed: the function, its kernel, its intensity and the vector's size, with the
// size's problem (it does not fit in memory) under it.

#include "chunkscope/workload.h"

#include <QGroupBox>

class QComboBox;

namespace chunkscope::ui {

class LabeledSlider;
class ProblemLabel;
class SizeSlider;

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
    QComboBox* function_ = nullptr;
    QComboBox* kernel_ = nullptr;
    LabeledSlider* intensity_ = nullptr;
    SizeSlider* size_ = nullptr;
    ProblemLabel* sizeProblem_ = nullptr;
};

} // namespace chunkscope::ui
