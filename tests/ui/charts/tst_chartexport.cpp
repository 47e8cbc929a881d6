// SPDX-License-Identifier: GPL-3.0-or-later
// The charts as images for the CLI (run, compare, scale) and the footer every exported image
// carries: the machine's state, only what is known, and a note when the runs were noisy.

#include "testcells.h"

#include "chartexport.h"
#include "heatmapexport.h"
#include "resultsmodel.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

class TestChartExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void machineStateSaysOnlyWhatIsKnown();
    void noiseNeedsMoreThanOneRepetition();
    void chartsInEveryFormat_data();
    void chartsInEveryFormat();
    void heatmapFooterSaysItWasNoisy();
    void badSizeSaysWhy();

private:
    QTemporaryDir dir_;
};

namespace {

// A run of two workers with two tasks each, for the timeline.
CellResult runCell()
{
    CellResult cell = testcells::cell(testcells::baseConfig(), 8, 1, 0.004);
    for (int task = 0; task < 4; ++task) {
        TaskEvent e;
        e.worker = task % 2;
        e.task = static_cast<std::uint32_t>(task);
        e.start_s = 0.001 + 0.001 * (task / 2);
        e.end_s = e.start_s + 0.0009;
        e.receive_s = 0.0001;
        e.send_s = 0.0001;
        cell.events.push_back(e);
    }
    return cell;
}

std::vector<CellResult> scaleCells()
{
    std::vector<CellResult> cells;
    for (int w = 1; w <= 4; ++w) {
        RunConfig c = testcells::baseConfig(StrategyKind::Threads);
        c.workers = w;
        cells.push_back(testcells::cell(c, 64, 1, 0.004 / w + 0.0005));
    }
    return cells;
}

std::vector<CellResult> compareCells()
{
    std::vector<CellResult> cells{testcells::baseline(testcells::baseConfig(), 0.004)};
    for (StrategyKind s : {StrategyKind::ForkSplit, StrategyKind::Threads})
        cells.push_back(testcells::cell(testcells::baseConfig(s), 64, 1, 0.002));
    return cells;
}

MachineInfo stated()
{
    MachineInfo m = testcells::machine();
    m.governor = "powersave";
    m.boost = "on";
    m.load_average = 0.42;
    return m;
}

} // namespace

void TestChartExport::machineStateSaysOnlyWhatIsKnown()
{
    const QString plain = machineState(testcells::machine());
    // What Linux does not say is said so, never guessed (core's describe_machine_state).
    QCOMPARE(plain, u"Test CPU 3000 · 2 logical cores · CPU governor and boost not reported by Linux, load not "
                    u"reported by Linux"_s);
    const QString full = machineState(stated());
    QVERIFY2(full.contains(u"governor powersave"_s) && full.contains(u"boost on"_s) && full.contains(u"load 0.42"_s),
             qPrintable(full));
}

void TestChartExport::noiseNeedsMoreThanOneRepetition()
{
    CellResult spread = testcells::cell(testcells::baseConfig(), 8, 1, 0.004);
    spread.cv = 0.3;
    CellResult single = spread;
    single.samples = {0.004};   // one sample: no spread to speak of, whatever cv says
    QVERIFY(noiseNote({}, {single}).isEmpty());
    QVERIFY(noiseNote({}, {testcells::cell(testcells::baseConfig(), 8, 1, 0.004)}).isEmpty());
    const QString noisy = noiseNote({}, {spread, single});
    QVERIFY2(noisy.contains(u"1 of 2 cells"_s), qPrintable(noisy));
    const QString one = noiseNote({}, {spread});
    QVERIFY2(one.contains(u"its repetitions vary by 30 %"_s), qPrintable(one));
    const QString warned = noiseNote({"other load is running"}, {single});
    QVERIFY2(warned.startsWith(u"Noisy"_s) && warned.contains(u"other load is running"_s), qPrintable(warned));
}

void TestChartExport::chartsInEveryFormat_data()
{
    QTest::addColumn<QString>("chart");
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("text");   // in the SVG
    for (const auto& [chart, text] : {std::pair{u"run"_s, u"Where the time goes"_s},
                                      std::pair{u"compare"_s, u"threads"_s},
                                      std::pair{u"scale"_s, u"serial fraction"_s}}) {
        QTest::addRow("%s png", qPrintable(chart)) << chart << int(ImageFormat::Png) << text;
        QTest::addRow("%s svg", qPrintable(chart)) << chart << int(ImageFormat::Svg) << text;
        QTest::addRow("%s pdf", qPrintable(chart)) << chart << int(ImageFormat::Pdf) << text;
    }
}

void TestChartExport::chartsInEveryFormat()
{
    QFETCH(QString, chart);
    QFETCH(int, format);
    QFETCH(QString, text);
    ChartImage image;
    image.path = dir_.filePath(u"%1-%2.img"_s.arg(chart).arg(format));   // the format is image.format's
    image.format = ImageFormat(format);
    image.facts = {stated(), QDateTime::currentDateTime(), {}};
    QString error;
    bool written = false;
    if (chart == u"run"_s)
        written = renderRun(runCell(), std::nullopt, image, &error);
    else if (chart == u"compare"_s)
        written = renderCompare(compareCells(), std::nullopt, 2, image, &error);
    else
        written = renderScaling(0.004, scaleCells(), 2, std::nullopt, image, &error);
    QVERIFY2(written, qPrintable(error));
    QFile file(image.path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 1000);
    if (image.format == ImageFormat::Png) {
        const QImage png = QImage::fromData(bytes, "PNG");
        QCOMPARE(png.size(), QSize(1920, 1080));
    } else if (image.format == ImageFormat::Svg) {
        const QString svg = QString::fromUtf8(bytes);
        QVERIFY2(svg.contains(text), qPrintable(text));
        QVERIFY2(svg.contains(u"Test CPU 3000 · 2 logical cores · governor powersave, boost on, load 0.42"_s),
                 "no machine state in the footer");
    } else {
        QVERIFY(bytes.startsWith("%PDF"));
    }
}

void TestChartExport::heatmapFooterSaysItWasNoisy()
{
    ResultsModel model;
    model.setResults(stated(), testcells::grid(2, 2), QDateTime::currentDateTime());
    ExportOptions options;
    options.warnings = {"the CPU frequency governor is \"powersave\""};
    const QString path = dir_.filePath(u"noisy.svg"_s);
    QString error;
    QVERIFY2(exportHeatmap(model, path, options, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(file.readAll());
    QVERIFY(svg.contains(u"Noisy"_s));
    QVERIFY(svg.contains(u"governor powersave"_s));
    // Quiet runs: no note.
    options.warnings.clear();
    QVERIFY2(exportHeatmap(model, path, options, &error), qPrintable(error));
    QFile quiet(path);
    QVERIFY(quiet.open(QIODevice::ReadOnly));
    QVERIFY(!QString::fromUtf8(quiet.readAll()).contains(u"Noisy"_s));
}

void TestChartExport::badSizeSaysWhy()
{
    ChartImage image;
    image.path = dir_.filePath(u"small.png"_s);
    image.size.pixels = {10, 10};
    QString error;
    QVERIFY(!renderCompare(compareCells(), std::nullopt, 2, image, &error));
    QVERIFY(error.contains(u"size"_s));
    QVERIFY(!QFile::exists(image.path));
}

QTEST_MAIN(TestChartExport)
#include "tst_chartexport.moc"
