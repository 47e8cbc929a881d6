// SPDX-License-Identifier: GPL-3.0-or-later
#include "mpioptionsbox.h"

#include "combodata.h"
#include "problemlabel.h"
#include "uiformat.h"

#include "chunkscope/mpi.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

MpiOptionsBox::MpiOptionsBox(QWidget* parent) : QGroupBox(tr("MPI (Open MPI)"), parent)
{
    setObjectName(u"mpiOptionsBox"_s);
    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    transport_ = new QComboBox(this);
    transport_->setObjectName(u"mpiTransportBox"_s);
    transport_->addItem(tr("shared memory"), static_cast<int>(MpiTransport::Shm));
    transport_->addItem(tr("TCP"), static_cast<int>(MpiTransport::Tcp));
    auto* items = qobject_cast<QStandardItemModel*>(transport_->model());
    items->item(0)->setToolTip(tr("Open MPI's shared-memory transport (vader): ranks on one machine copy messages "
                                  "through memory they share, one copy per message (--mpi-transport shm)"));
    items->item(1)->setToolTip(tr("Open MPI's TCP transport: messages go through sockets, as between machines; on "
                                  "one machine it stands in for a network (--mpi-transport tcp)"));
    transport_->setToolTip(tr("How ranks send each other messages: shared memory on one machine, or TCP (which "
                              "on one machine stands in for a network)"));
    form->addRow(tr("&Transport"), transport_);

    hostfile_ = new QLineEdit(this);
    hostfile_->setObjectName(u"mpiHostfileEdit"_s);
    hostfile_->setPlaceholderText(tr("none: all ranks here"));
    hostfile_->setToolTip(tr("Open MPI's hostfile: one host per line, \"name [slots=N]\", # for comments "
                             "(--hostfile); chunkscope-mpi must be at the same path on every host"));
    browse_ = new QPushButton(tr("Browse…"), this);
    browse_->setObjectName(u"mpiHostfileBrowse"_s);
    browse_->setToolTip(tr("Choose a hostfile"));
    auto* hostRow = new QHBoxLayout;
    hostRow->setContentsMargins(0, 0, 0, 0);
    hostRow->addWidget(hostfile_, 1);
    hostRow->addWidget(browse_);
    auto* hostLabel = new QLabel(tr("&Hostfile"), this);
    hostLabel->setBuddy(hostfile_);
    form->addRow(hostLabel, hostRow);
    hostfileProblem_ = new ProblemLabel(this);
    form->addRow(hostfileProblem_);

    mpirun_ = new QLineEdit(this);
    mpirun_->setObjectName(u"mpirunEdit"_s);
    mpirun_->setToolTip(tr("The mpirun to start (--mpirun); empty: the one on PATH"));
    form->addRow(tr("&mpirun"), mpirun_);
    mpirunProblem_ = new ProblemLabel(this);
    form->addRow(mpirunProblem_);

    args_ = new QLineEdit(this);
    args_->setObjectName(u"mpiArgsEdit"_s);
    args_->setPlaceholderText(tr("none"));
    args_->setToolTip(tr("More arguments for mpirun, split at spaces; '...' and \"...\" hold spaces (--mpi-args); "
                         "for instance --mca btl_tcp_if_include lo"));
    form->addRow(tr("E&xtra arguments"), args_);
    argsProblem_ = new ProblemLabel(this);
    form->addRow(argsProblem_);

    notes_ = new QLabel(this);
    notes_->setObjectName(u"mpiNotes"_s);
    notes_->setWordWrap(true);
    notes_->setTextFormat(Qt::RichText);
    notes_->hide();
    form->addRow(notes_);

    showFoundMpirun();
    const auto changed = [this] {
        if (!loading_)
            Q_EMIT this->changed();
    };
    connect(transport_, &QComboBox::currentIndexChanged, this, changed);
    for (QLineEdit* edit : {hostfile_, mpirun_, args_})
        connect(edit, &QLineEdit::textChanged, this, changed);
    connect(browse_, &QPushButton::clicked, this, &MpiOptionsBox::browse);
}

MpiOptions MpiOptionsBox::options() const
{
    MpiOptions o;
    o.transport = currentData<MpiTransport>(transport_);
    o.hostfile = hostfile_->text().trimmed().toStdString();
    o.mpirun = mpirun_->text().trimmed().toStdString();
    o.args = args_->text().toStdString();
    return o;
}

void MpiOptionsBox::setOptions(const MpiOptions& o)
{
    loading_ = true;
    selectData(transport_, o.transport);
    hostfile_->setText(qs(o.hostfile));
    mpirun_->setText(qs(o.mpirun));
    args_->setText(qs(o.args));
    loading_ = false;
    Q_EMIT changed();
}

void MpiOptionsBox::showFoundMpirun()
{
    const std::string found = mpirun_path(MpiOptions{});
    mpirun_->setPlaceholderText(found.empty() ? tr("the one on PATH (none found)")
                                              : tr("the one on PATH: %1").arg(qs(found)));
}

QString MpiOptionsBox::check(const RunConfig& c)
{
    showFoundMpirun();
    const MpiOptions o = options();
    QString hostfileProblem;
    if (!o.hostfile.empty())
        hostfileProblem = qs(read_hostfile(o.hostfile).error);
    QString mpirunProblem;
    if (!o.mpirun.empty()) {
        const Availability a = mpi_availability(o);
        if (!a.available)
            mpirunProblem = qs(a.reason);
    }
    QString argsProblem;
    if (!split_arguments(o.args))
        argsProblem = tr("mpirun's extra arguments have a quote that is not closed; close it, or leave it out");
    hostfileProblem_->showProblem(hostfileProblem);
    mpirunProblem_->showProblem(mpirunProblem);
    argsProblem_->showProblem(argsProblem);
    problem_.clear();
    if (const auto problem = check_mpi_options(o))
        problem_ = qs(*problem);
    else if (!mpirunProblem.isEmpty())
        problem_ = mpirunProblem;

    QStringList lines;
    QStringList plain;
    for (const std::string& line : mpi_notes(c)) {
        plain += qs(line);
        const QString text = qs(line).toHtmlEscaped();
        const bool warning = line.rfind("warning: ", 0) == 0;
        lines += warning ? u"<span style=\"color:#a05a00;\">"_s + text + u"</span>"_s
                         : u"<span style=\"color:#505050;\">"_s + text + u"</span>"_s;
    }
    notesText_ = plain.join(u'\n');
    notes_->setText(lines.join(u"<br>"_s));
    notes_->setVisible(!lines.isEmpty());
    return problem_;
}

void MpiOptionsBox::browse()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open MPI hostfile"), hostfile_->text());
    if (!file.isEmpty())
        hostfile_->setText(file);
}

} // namespace chunkscope::ui
