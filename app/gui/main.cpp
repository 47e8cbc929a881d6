// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer window. Everything but main() lives in ui/ (chunkscope::ui).
//
//   chunkscope [--present] [--reference OTHER.json [--side-by-side]] [SESSION.json]
//
// SESSION: a saved session (or chunkscope-cli's JSON) to show, without running it again.
// --present: start in presentation mode (full screen, large fonts, high contrast).
// --reference: measure the results against another set (the heatmap shows this ÷ that);
// --side-by-side shows the two heatmaps beside each other on one colour scale.

#include "mainwindow.h"
#include "referencecontroller.h"
#include "windowactions.h"

#include <QAction>

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

#include <cstdio>

namespace {

QCommandLineOption presentOption()
{
    return QCommandLineOption(QStringLiteral("present"),
                              QStringLiteral("Start in presentation mode: full screen, large fonts, high contrast "
                                             "(F11 leaves it)."));
}

QCommandLineOption referenceOption()
{
    return QCommandLineOption(QStringLiteral("reference"),
                              QStringLiteral("Colour each cell by its ratio to the same cell of this session or "
                                             "chunkscope-cli JSON (another run, the Python twin's sweep, another "
                                             "machine's)."),
                              QStringLiteral("OTHER.json"));
}

QCommandLineOption sideBySideOption()
{
    return QCommandLineOption(QStringLiteral("side-by-side"),
                              QStringLiteral("With --reference: show its heatmap beside this one, on one colour scale."));
}

void setUp(QCommandLineParser& parser)
{
    parser.setApplicationDescription(
        QStringLiteral("Chunkscope: how to apply a math function to a huge vector with every core, measured."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(presentOption());
    parser.addOption(referenceOption());
    parser.addOption(sideBySideOption());
    parser.addPositionalArgument(QStringLiteral("session"),
                                 QStringLiteral("A saved session or chunkscope-cli JSON to show."),
                                 QStringLiteral("[SESSION.json]"));
}

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication::setApplicationVersion(QStringLiteral(CHUNKSCOPE_VERSION)); // for --version
    if (!hasDisplay()) {
        // --help and mistakes in the arguments are still answered; then say what to do instead.
        QCoreApplication core(argc, argv);
        QCommandLineParser parser;
        setUp(parser);
        parser.process(core);
        std::fputs("chunkscope: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set).\n"
                   "Without one, run the sweep in the terminal and get the heatmap as an image:\n"
                   "  chunkscope-cli sweep --strategy fork-split --png sweep.png   (scripts/run does this)\n",
                   stderr);
        return 1;
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Chunkscope"));
    QApplication::setApplicationName(QStringLiteral("chunkscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("Chunkscope"));
    // The installed desktop entry's name (without .desktop): Wayland shells match the window to it.
    QGuiApplication::setDesktopFileName(QStringLiteral(CHUNKSCOPE_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/chunkscope/icons/chunkscope.svg")));

    QCommandLineParser parser;
    setUp(parser);
    parser.process(app);

    chunkscope::ui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        QMessageBox::warning(&window, QStringLiteral("Chunkscope"),
                             QStringLiteral("One session at a time: showing %1.").arg(files.front()));
    }
    if (!files.isEmpty()) {
        QString error;
        if (!window.openSession(files.front(), &error))
            QMessageBox::warning(&window, QStringLiteral("Chunkscope"),
                                 QStringLiteral("Cannot open %1: %2").arg(files.front(), error));
    }
    if (parser.isSet(referenceOption())) {
        QString error;
        const QString path = parser.value(referenceOption());
        if (!window.references()->loadFile(path, &error))
            QMessageBox::warning(&window, QStringLiteral("Chunkscope"),
                                 QStringLiteral("Cannot use %1 as the reference: %2").arg(path, error));
        else if (parser.isSet(sideBySideOption()))
            window.windowActions()->action(chunkscope::ui::WindowActions::Command::SideBySide)->setChecked(true);
    }
    if (parser.isSet(presentOption()))
        window.setPresentationMode(true);
    return QApplication::exec();
}
