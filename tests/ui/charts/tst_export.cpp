// SPDX-License-Identifier: GPL-3.0-or-later
// Exports: PNG, SVG and PDF of the requested size; the CLI's entry point without a window.

#include "testcells.h"

#include "heatmapexport.h"
#include "resultsmodel.h"

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

class TestExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesTheRequestedSize_data();
    void writesTheRequestedSize();
    void pngShowsTheCells();
    void renderHeatmapForTheCli_data();
    void renderHeatmapForTheCli();
    void badRequestsSayWhy();
    void exportsColourAsAsked_data();
    void exportsColourAsAsked();

private:
    QTemporaryDir dir_;
};

void TestExport::writesTheRequestedSize_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("dpi");
    for (const QString& suffix : {u"png"_s, u"svg"_s, u"pdf"_s}) {
        QTest::addRow("%s 1600x1000 96dpi", qPrintable(suffix)) << suffix << QSize(1600, 1000) << 96;
        QTest::addRow("%s 800x600 192dpi", qPrintable(suffix)) << suffix << QSize(800, 600) << 192;
        QTest::addRow("%s 640x900 72dpi", qPrintable(suffix)) << suffix << QSize(640, 900) << 72;
    }
}

void TestExport::writesTheRequestedSize()
{
    QFETCH(QString, suffix);
    QFETCH(QSize, size);
    QFETCH(int, dpi);
    ResultsModel model;
    model.setResults(testcells::machine(), testcells::grid(3, 3), QDateTime::currentDateTime());
    const QString path = dir_.filePath(u"heatmap-%1x%2-%3."_s.arg(size.width()).arg(size.height()).arg(dpi) + suffix);
    ExportOptions options;
    options.size = size;
    options.dpi = dpi;
    QString error;
    QVERIFY2(exportHeatmap(model, path, options, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 1000);
    if (suffix == u"png"_s) {
        const QImage image(path);
        QCOMPARE(image.size(), size);
        QCOMPARE(image.dotsPerMeterX(), qRound(dpi / 0.0254));
    } else if (suffix == u"svg"_s) {
        const QString svg = QString::fromUtf8(bytes);
        // size / dpi inches, drawn in 96-dpi units: it rasterises to size pixels at dpi.
        const QRegularExpression width(u"<svg[^>]*width=\"([0-9.]+)mm\"[^>]*height=\"([0-9.]+)mm\""_s);
        const auto match = width.match(svg);
        QVERIFY(match.hasMatch());
        QVERIFY(qAbs(match.captured(1).toDouble() - size.width() * 25.4 / dpi) < 0.5);
        QVERIFY(qAbs(match.captured(2).toDouble() - size.height() * 25.4 / dpi) < 0.5);
        const QRegularExpression viewBox(u"viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\""_s);
        const auto box = viewBox.match(svg);
        QVERIFY(box.hasMatch());
        QVERIFY(qAbs(box.captured(1).toDouble() - size.width() * 96.0 / dpi) < 0.5);
        QVERIFY(qAbs(box.captured(2).toDouble() - size.height() * 96.0 / dpi) < 0.5);
        QVERIFY(svg.contains(u"splits"_s));   // the axes' titles are there as text
    } else {
        QVERIFY(bytes.startsWith("%PDF"));
        const QRegularExpression box(u"/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"_s);
        const auto match = box.match(QString::fromLatin1(bytes));
        QVERIFY(match.hasMatch());
        QVERIFY(qAbs(match.captured(1).toDouble() - size.width() * 72.0 / dpi) < 1.0);
        QVERIFY(qAbs(match.captured(2).toDouble() - size.height() * 72.0 / dpi) < 1.0);
    }
}

void TestExport::pngShowsTheCells()
{
    ResultsModel model;
    model.setResults(testcells::machine(), testcells::grid(4, 4), QDateTime::currentDateTime());
    ExportOptions options;
    options.size = {900, 700};
    const QImage image = heatmapImage(model, options);
    QCOMPARE(image.size(), options.size);
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 30, qPrintable(QString::number(colours.size())));
}

void TestExport::renderHeatmapForTheCli_data()
{
    QTest::addColumn<QString>("name");
    QTest::addRow("png") << u"cli.png"_s;
    QTest::addRow("svg") << u"cli.svg"_s;
    QTest::addRow("pdf") << u"cli.pdf"_s;
}

void TestExport::renderHeatmapForTheCli()
{
    QFETCH(QString, name);
    const QString path = dir_.filePath(name);
    QString error;
    QVERIFY2(renderHeatmap(testcells::grid(8, 8), testcells::machine(), path, QSize(1200, 800), &error),
             qPrintable(error));
    QVERIFY(QFileInfo(path).size() > 1000);
    if (name.endsWith(u".png"_s))
        QCOMPARE(QImage(path).size(), QSize(1200, 800));
}

void TestExport::badRequestsSayWhy()
{
    QString error;
    QVERIFY(!renderHeatmap(testcells::grid(2, 2), testcells::machine(), dir_.filePath(u"x.bmp"_s), {800, 600}, &error));
    QVERIFY(error.contains(u".png"_s));
    QVERIFY(!renderHeatmap(testcells::grid(2, 2), testcells::machine(), dir_.filePath(u"x.png"_s), {10, 10}, &error));
    QVERIFY(error.contains(u"size"_s));
    QVERIFY(!renderHeatmap(testcells::grid(2, 2), testcells::machine(), u"/nonexistent-dir/x.png"_s, {800, 600},
                           &error));
    QVERIFY(error.contains(u"nonexistent"_s));
}

void TestExport::exportsColourAsAsked_data()
{
    QTest::addColumn<int>("by");
    QTest::addColumn<bool>("limits");
    QTest::addColumn<QString>("title");   // of the colour scale, in the SVG's text
    QTest::addRow("time") << int(HeatmapChart::ColorBy::Duration) << false << u"median time"_s;
    QTest::addRow("speedup") << int(HeatmapChart::ColorBy::Speedup) << false << u"speedup over sequential"_s;
    QTest::addRow("floor") << int(HeatmapChart::ColorBy::FloorDistance) << true << u"times the floor"_s;
    QTest::addRow("floor without limits: time") << int(HeatmapChart::ColorBy::FloorDistance) << false
                                                << u"median time"_s;
    QTest::addRow("dominant phase") << int(HeatmapChart::ColorBy::DominantPhase) << false << u"most time"_s;
}

void TestExport::exportsColourAsAsked()
{
    QFETCH(int, by);
    QFETCH(bool, limits);
    QFETCH(QString, title);
    ResultsModel model;
    model.setResults(testcells::machine(), testcells::grid(3, 3), QDateTime::currentDateTime());
    if (limits) {
        SpeedLimits l;
        l.copy_bandwidth = 1e9;
        l.throughput.push_back({Function::Exp, Kernel::Simd, 10.0});
        model.setSpeedLimits(l);
    }
    ExportOptions options;
    options.colorBy = HeatmapChart::ColorBy(by);
    const QString path = dir_.filePath(u"colour-%1-%2.svg"_s.arg(by).arg(limits));
    QString error;
    QVERIFY2(exportHeatmap(model, path, options, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(file.readAll());
    QVERIFY2(svg.contains(title), qPrintable(title));
}

QTEST_MAIN(TestExport)
#include "tst_export.moc"
