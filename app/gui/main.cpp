// The explorer window. Everything but main() lives in ui/ (chunkscope::ui).
//
//   chunkscope [--present] [SESSION.json]
//
// SESSION: a saved session (or chunkscope-cli's JSON) to show, without running it again.
// --present: start in presentation mode (full screen, large fonts, high contrast).

#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Chunkscope"));
    QApplication::setApplicationName(QStringLiteral("chunkscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("Chunkscope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/chunkscope/icons/chunkscope.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Chunkscope: how to apply a math function to a huge vector with every core, measured."));
    parser.addHelpOption();
    const QCommandLineOption present(QStringLiteral("present"),
                                     QStringLiteral("Start in presentation mode: full screen, large fonts, high "
                                                    "contrast (F11 leaves it)."));
    parser.addOption(present);
    parser.addPositionalArgument(QStringLiteral("session"),
                                 QStringLiteral("A saved session or chunkscope-cli JSON to show."),
                                 QStringLiteral("[SESSION.json]"));
    parser.process(app);

    chunkscope::ui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        QString error;
        if (!window.openSession(files.front(), &error))
            QMessageBox::warning(&window, QStringLiteral("Chunkscope"),
                                 QStringLiteral("Cannot open %1: %2").arg(files.front(), error));
    }
    if (parser.isSet(present))
        window.setPresentationMode(true);
    return QApplication::exec();
}
