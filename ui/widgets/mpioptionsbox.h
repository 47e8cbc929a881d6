// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How the mpi strategies start Open MPI: the transport between ranks, the hostfile, the mpirun
// to use and extra arguments for it (chunkscope::MpiOptions). What is wrong with a field is
// said under it; what the core says before a run (mpi_notes: running as root, more ranks than
// cores or slots) under the box.

#include "chunkscope/config.h"

#include <QGroupBox>
#include <QString>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace chunkscope::ui {

class ProblemLabel;

class MpiOptionsBox : public QGroupBox {
    Q_OBJECT
public:
    explicit MpiOptionsBox(QWidget* parent = nullptr);

    MpiOptions options() const;
    void setOptions(const MpiOptions& options);

    // Checks the fields (the hostfile read, the mpirun, the arguments) and shows c's notes.
    // Returns what is wrong with the options, or an empty string.
    QString check(const RunConfig& c);
    QString problem() const { return problem_; }
    // The lines under the box: "note: ..." and "warning: ..." (empty when nothing to say).
    QString notesText() const { return notesText_; }

    QComboBox* transportBox() const { return transport_; }
    QLineEdit* hostfileEdit() const { return hostfile_; }
    QPushButton* browseButton() const { return browse_; }
    QLineEdit* mpirunEdit() const { return mpirun_; }
    QLineEdit* argsEdit() const { return args_; }
    ProblemLabel* hostfileProblemLabel() const { return hostfileProblem_; }
    ProblemLabel* mpirunProblemLabel() const { return mpirunProblem_; }
    ProblemLabel* argsProblemLabel() const { return argsProblem_; }

Q_SIGNALS:
    void changed();

private:
    void browse();
    void showFoundMpirun();

    QComboBox* transport_ = nullptr;
    QLineEdit* hostfile_ = nullptr;
    QPushButton* browse_ = nullptr;
    QLineEdit* mpirun_ = nullptr;
    QLineEdit* args_ = nullptr;
    ProblemLabel* hostfileProblem_ = nullptr;
    ProblemLabel* mpirunProblem_ = nullptr;
    ProblemLabel* argsProblem_ = nullptr;
    QLabel* notes_ = nullptr;
    QString problem_;
    QString notesText_;
    bool loading_ = false;
};

} // namespace chunkscope::ui
