// The explorer window. Everything but main() lives in ui/ (chunkscope::ui).

#include "ui/mainwindow.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Chunkscope"));
    QApplication::setApplicationName(QStringLiteral("chunkscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("Chunkscope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/chunkscope/icons/chunkscope.svg")));

    chunkscope::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
