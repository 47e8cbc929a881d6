// SPDX-License-Identifier: GPL-3.0-or-later
#include "workloadbox.h"

#include "combodata.h"
#include "labeledslider.h"
#include "problemlabel.h"
#include "sizeslider.h"
#include "sizespinbox.h"
#include "uiformat.h"

#include <QComboBox>
#include <QFormLayout>


namespace chunkscope::ui {

using namespace Qt::StringLiterals;

WorkloadBox::WorkloadBox(QWidget* parent) : QGroupBox(tr("What is computed"), parent)
{
    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    function_->setObjectName(u"functionBox"_s);
    for (Function f : all_functions())
        function_->addItem(qs(to_string(f)), static_cast<int>(f));
    function_->setToolTip(tr("The math function applied to every item of the vector (numpy.exp in the tutorial)"));
    form->addRow(tr("&Function"), function_);

    kernel_->setObjectName(u"kernelBox"_s);
    kernel_->addItem(tr("simd (vectorised, like NumPy)"), static_cast<int>(Kernel::Simd));
    kernel_->addItem(tr("scalar (one item at a time)"), static_cast<int>(Kernel::Scalar));
    kernel_->setToolTip(tr("How each item is computed: SIMD (libmvec, as NumPy's vectorised exp) or glibc's scalar "
                           "function, several times slower per item"));
    form->addRow(tr("&Kernel"), kernel_);

    intensity_->setObjectName(u"intensitySlider"_s);
    intensity_->setRange(1, 1024, kMaxIntensity);
    intensity_->setToolTips(tr("Function evaluations per item: more arithmetic for the same memory traffic, which "
                               "moves the run from memory-bound to compute-bound"));
    form->addRow(tr("&Intensity"), intensity_);

    size_->setObjectName(u"sizeSlider"_s);
    // The slider's maximum is the experiment panel's: what the strategy, as set, fits in now.
    size_->spinBox()->setRange(1, 10'000'000'000'000ULL);
    size_->setToolTips(tr("Items in the vector (float64, uniform in (0, 1) like numpy.random.rand). The slider goes "
                          "up to what memory allows now for the strategy as set; type any size in the box (10M, "
                          "1e7, 2500000)"));
    form->addRow(tr("Vector &size"), size_);
    form->addRow(sizeProblem_);

    connect(function_, &QComboBox::currentIndexChanged, this, &WorkloadBox::changed);
    connect(kernel_, &QComboBox::currentIndexChanged, this, &WorkloadBox::changed);
    connect(intensity_, &LabeledSlider::valueChanged, this, &WorkloadBox::changed);
    connect(size_, &SizeSlider::valueChanged, this, &WorkloadBox::changed);
}

Workload WorkloadBox::workload() const
{
    Workload w;
    w.function = currentData<Function>(function_);
    w.kernel = currentData<Kernel>(kernel_);
    w.intensity = intensity_->value();
    w.size = static_cast<std::size_t>(size_->value());
    return w;
}

void WorkloadBox::setWorkload(const Workload& w)
{
    selectData(function_, w.function);
    selectData(kernel_, w.kernel);
    intensity_->setValue(w.intensity);
    size_->setValue(w.size);
}

} // namespace chunkscope::ui
