// SPDX-License-Identifier: GPL-3.0-or-later
// A sweep's journal: real cells written as they finish and read back; what a crash leaves (a
// last line cut short) is forgiven, any other damage is refused naming its line; another
// configuration is named field by field. And a file written atomically is whole or untouched.

#include "chunkscope/atomicfile.h"
#include "chunkscope/journal.h"
#include "chunkscope/journalwriter.h"
#include "chunkscope/machine.h"
#include "chunkscope/reporters.h"
#include "chunkscope/runner.h"

#include "support/configs.h"
#include "support/files.h"
#include "support/text.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

using namespace chunkscope;
using chunkscope::support::has;

namespace {

std::string temp_path(const std::string& name)
{
    const std::string path = "/tmp/chunkscope-test-" + std::to_string(getpid()) + "-" + name;
    std::remove(path.c_str());
    return path;
}

std::string slurp(const std::string& path)
{
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::trunc) << text; }

Journal journal_from_text(const std::string& text)
{
    std::istringstream in(text);
    return read_journal(in);
}

SweepSpec small_sweep()
{
    SweepSpec spec;
    spec.base = chunkscope::support::small_config(StrategyKind::ForkSplit, 20'000, 1, 1);
    spec.splits_list = {1, 4};
    spec.chunks_list = {1, 2};
    return sweep_plan(spec);
}

// The sweep's first cell, finished: one sample of 0.5 s, verified.
CellResult first_cell_done(const SweepSpec& spec)
{
    CellResult cell;
    cell.config = sweep_cells(spec).front();
    cell.samples = {0.5};
    cell.median_s = cell.min_s = cell.mean_s = 0.5;
    cell.verified = true;
    return cell;
}

// A real sweep of four cells, journalled as it runs.
std::string journalled_sweep(const std::string& name, std::vector<CellResult>* results = nullptr)
{
    const std::string path = temp_path(name);
    std::string error;
    auto writer = JournalWriter::create(path, journal_header(small_sweep(), machine_info()), &error);
    EXPECT_TRUE(writer) << error;
    Runner runner;
    const std::vector<CellResult> cells = runner.sweep(small_sweep(), writer.get());
    EXPECT_EQ(cells.size(), 4u);
    EXPECT_TRUE(writer->error().empty()) << writer->error();
    if (results)
        *results = cells;
    return path;
}

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::string joined(const std::vector<std::string>& lines)
{
    std::string text;
    for (const std::string& l : lines)
        text += l + '\n';
    return text;
}

} // namespace

TEST(Journal, RoundTripOfARealSweep)
{
    std::vector<CellResult> ran;
    const std::string path = journalled_sweep("journal-roundtrip.jsonl", &ran);
    const std::string text = slurp(path);
    EXPECT_EQ(lines_of(text).size(), 5u);   // the header and one line per cell
    const Journal j = journal_from_text(text);
    ASSERT_TRUE(j.error.empty()) << j.error;
    EXPECT_TRUE(j.notes.empty());
    EXPECT_EQ(j.header.spec.base, small_sweep().base);
    EXPECT_EQ(j.header.spec.splits_list, small_sweep().splits_list);
    EXPECT_EQ(j.header.machine.cpu_model, machine_info().cpu_model);
    EXPECT_EQ(j.header.generator, kCurrentGenerator);
    ASSERT_EQ(j.cells.size(), ran.size());
    for (std::size_t i = 0; i < ran.size(); ++i) {
        EXPECT_EQ(j.cells[i].config.splits, ran[i].config.splits);
        EXPECT_EQ(j.cells[i].config.chunksize, ran[i].config.chunksize);
        EXPECT_EQ(j.cells[i].median_s, ran[i].median_s);
        EXPECT_EQ(j.cells[i].samples, ran[i].samples);
        EXPECT_EQ(j.cells[i].verified, ran[i].verified);
    }
    EXPECT_TRUE(missing_cells(j).empty());
    EXPECT_EQ(j.valid_bytes, text.size());
    std::remove(path.c_str());
}

TEST(Journal, ACutShortLastLineIsDroppedWithANoteAndItsCellRunsAgain)
{
    const std::string path = journalled_sweep("journal-cut.jsonl");
    std::string text = slurp(path);
    const std::size_t last = text.rfind('\n', text.size() - 2) + 1;
    text.resize(last + (text.size() - last) / 2);   // half of the last line, no newline
    spit(path, text);
    const Journal j = journal_from_text(text);
    ASSERT_TRUE(j.error.empty()) << j.error;
    EXPECT_EQ(j.cells.size(), 3u);
    ASSERT_EQ(j.notes.size(), 1u);
    EXPECT_TRUE(has(j.notes.front(), "line 5")) << j.notes.front();
    EXPECT_EQ(j.valid_bytes, last);
    const std::vector<RunConfig> missing = missing_cells(j);
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(grid_point(missing.front()), (GridPoint{4, 2}));

    // Resuming cuts the broken tail off before it appends: the journal is whole again.
    std::string error;
    auto writer = JournalWriter::resume(path, j, &error);
    ASSERT_TRUE(writer) << error;
    Runner runner;
    const std::vector<CellResult> rest = runner.run_cells(missing, writer.get());
    ASSERT_EQ(rest.size(), 1u);
    writer.reset();
    const Journal again = journal_from_text(slurp(path));
    ASSERT_TRUE(again.error.empty()) << again.error;
    EXPECT_TRUE(again.notes.empty());
    EXPECT_EQ(again.cells.size(), 4u);
    EXPECT_TRUE(missing_cells(again).empty());
    std::remove(path.c_str());
}

TEST(Journal, ADamagedLineIsRefusedNamingItsLine)
{
    const std::string path = journalled_sweep("journal-damaged.jsonl");
    const std::vector<std::string> lines = lines_of(slurp(path));
    std::remove(path.c_str());

    std::vector<std::string> garbled = lines;
    garbled[2].insert(1, "@@");
    Journal j = journal_from_text(joined(garbled));
    EXPECT_TRUE(has(j.error, "line 3, column 2: syntax error")) << j.error;
    EXPECT_TRUE(j.cells.empty());

    std::vector<std::string> wrong = lines;
    const std::size_t at = wrong[3].find("\"median_s\":") + 11;
    wrong[3].replace(at, wrong[3].find(',', at) - at, "\"fast\"");
    j = journal_from_text(joined(wrong));
    EXPECT_TRUE(has(j.error, "line 4: cell.median_s: expected a number, found string")) << j.error;

    // A cut-short line that is not the last one is damage, not a crash's leftover.
    std::vector<std::string> cut = lines;
    cut[2].resize(cut[2].size() / 2);
    j = journal_from_text(joined(cut));
    EXPECT_TRUE(has(j.error, "line 3")) << j.error;

    std::vector<std::string> twice = lines;
    twice.push_back(lines[1]);
    j = journal_from_text(joined(twice));
    EXPECT_TRUE(has(j.error, "line 6: the cell at splits 1, chunksize 1 is already on line 2")) << j.error;
}

TEST(Journal, AFileThatIsNoJournalIsRefused)
{
    EXPECT_TRUE(has(journal_from_text("").error, "empty"));
    EXPECT_TRUE(has(journal_from_text("hello\n").error, "line 1, column 1")) << journal_from_text("hello\n").error;
    std::ostringstream report;
    write_json(report, machine_info(), {});
    const std::string one_line = "{\"machine\": {}, \"results\": []}\n";
    const std::string said = journal_from_text(one_line).error;
    EXPECT_TRUE(has(said, "not a Chunkscope journal")) << said;
    EXPECT_FALSE(journal_from_text(report.str()).error.empty());
    std::string header = journal_header_line(journal_header(small_sweep(), machine_info()));
    header.replace(header.find("\"chunkscope_journal\":1"), 22, "\"chunkscope_journal\":7");
    EXPECT_TRUE(has(journal_from_text(header).error, "version 7")) << journal_from_text(header).error;
    // Found by fuzzing (tests/fuzz/regressions/fuzz_journal): a blank first line, and a header
    // cut short with nothing after it, used to walk off an empty list of lines.
    const std::string whole = journal_header_line(journal_header(small_sweep(), machine_info()));
    EXPECT_TRUE(has(journal_from_text("\n" + whole).error, "line 1 is empty")) << journal_from_text("\n" + whole).error;
    EXPECT_TRUE(has(journal_from_text("\n").error, "line 1 is empty"));
    const std::string cut = whole.substr(0, 30);
    EXPECT_TRUE(has(journal_from_text(cut).error, "not a Chunkscope journal")) << journal_from_text(cut).error;
}

TEST(Journal, ACellOfAnotherSweepIsRefused)
{
    std::vector<CellResult> ran;
    const std::string path = journalled_sweep("journal-other.jsonl", &ran);
    std::string text = slurp(path);
    std::remove(path.c_str());
    CellResult other = ran.front();
    other.config.workload.size = 30'000;
    const Journal j = journal_from_text(text + journal_cell_line(other));
    EXPECT_TRUE(has(j.error, "line 6: the cell at splits 1, chunksize 1 (fork-split) is not a cell of the sweep"))
        << j.error;
}

TEST(Journal, DifferencesAreNamedFieldByField)
{
    const SweepSpec a = small_sweep();
    SweepSpec b = a;
    b.base.strategy = StrategyKind::ForkShm;
    b.base.workload.size = 30'000;
    b.chunks_list = {1, 2, 4};
    const auto d = sweep_differences(a, b);
    ASSERT_EQ(d.size(), 3u);
    EXPECT_EQ(d[0].field, "strategy");
    EXPECT_EQ(d[1].field, "size");
    EXPECT_EQ(d[2].field, "chunks-list");
    EXPECT_EQ(describe(d), "strategy: the journal has \"fork-split\", here \"fork-shm\"; size: the journal has 20000, "
                           "here 30000; chunks-list: the journal has [1,2], here [1,2,4]");
    EXPECT_TRUE(sweep_differences(a, a).empty());

    JournalHeader here = journal_header(a, machine_info());
    JournalHeader there = here;
    there.machine.cpu_model = "Another CPU";
    there.generator = Generator::Legacy;
    const auto m = machine_differences(there, here);
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].field, "cpu-model");
    EXPECT_EQ(m[1].field, "generator");
}

TEST(Journal, CreateNeverReplacesAFile)
{
    const std::string path = temp_path("journal-exists.jsonl");
    spit(path, "precious\n");
    std::string error;
    EXPECT_FALSE(JournalWriter::create(path, journal_header(small_sweep(), machine_info()), &error));
    EXPECT_TRUE(has(error, "exists already")) << error;
    EXPECT_EQ(slurp(path), "precious\n");
    std::remove(path.c_str());
}

TEST(AtomicFile, ReplacesTheFileWhole)
{
    const std::string path = temp_path("atomic-ok.txt");
    spit(path, "old\n");
    EXPECT_EQ(write_file_atomically(path, "new text\n"), "");
    EXPECT_EQ(slurp(path), "new text\n");
    const auto perms = std::filesystem::status(path).permissions();
    EXPECT_NE(perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
    std::remove(path.c_str());
}

TEST(AtomicFile, AFailingWriteLeavesTheOldFileIntact)
{
    const std::string folder = temp_path("atomic-folder");
    std::filesystem::create_directory(folder);
    const std::string path = folder + "/report.json";
    spit(path, "the good report\n");
    // The write itself fails: the file size limit is below what is written (EFBIG).
    std::string error;
    {
        const support::FileSizeLimit limit(1000);
        ASSERT_TRUE(limit.in_force());
        error = write_file_atomically(path, std::string(100'000, 'x'));
    }
    EXPECT_TRUE(has(error, "report.json")) << error;
    EXPECT_EQ(slurp(path), "the good report\n");
    // And no temporary file is left beside it.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(folder), std::filesystem::directory_iterator()), 1);

    // A folder that does not exist is found at open, before anything is run.
    AtomicFile file;
    EXPECT_FALSE(file.open(folder + "/no/such/folder/report.json"));
    EXPECT_TRUE(has(file.error(), "No such file")) << file.error();
    std::filesystem::remove_all(folder);
}

// A sweep timed as the tutorial keeps saying so in its journal; a lab cell is not one of its cells.
TEST(Journal, ASweepTimedAsTheTutorialSaysSoAndTakesOnlyItsCells)
{
    SweepSpec spec = small_sweep();
    spec.base.strategy = StrategyKind::PySplit;
    spec.base.as_tutorial = true;
    spec.base.repeats = 1;
    spec.base.warmup = 0;
    const std::string header = journal_header_line(journal_header(spec, machine_info()));
    EXPECT_TRUE(has(header, "\"timing\":\"as-tutorial\"")) << header;
    const CellResult cold = first_cell_done(spec);
    const Journal read = journal_from_text(header + journal_cell_line(cold));
    ASSERT_EQ(read.error, "");
    EXPECT_TRUE(read.header.spec.base.as_tutorial);
    ASSERT_EQ(read.cells.size(), 1u);
    EXPECT_TRUE(read.cells.front().config.as_tutorial);
    CellResult lab = cold;
    lab.config.as_tutorial = false;
    EXPECT_TRUE(has(journal_from_text(header + journal_cell_line(lab)).error, "is not a cell of the sweep"));
}

// A sweep on a Dask cluster keeps its scheduler in its journal: a resume against another one (or a
// LocalCluster) is another sweep, named; a cell run on another cluster is not one of its cells. For
// the strategies on no Dask cluster the scheduler is not part of the sweep.
TEST(Journal, ASweepOnADaskClusterKeepsItsSchedulerAndTakesOnlyItsCells)
{
    SweepSpec spec = small_sweep();
    spec.base.strategy = StrategyKind::PyDaskCluster;
    spec.base.dask_scheduler = "tcp://10.0.0.5:8786";
    spec = sweep_plan(spec);
    const std::string header = journal_header_line(journal_header(spec, machine_info()));
    EXPECT_TRUE(has(header, "\"dask_scheduler\":\"tcp://10.0.0.5:8786\"")) << header;
    const CellResult cell = first_cell_done(spec);
    const Journal read = journal_from_text(header + journal_cell_line(cell));
    ASSERT_EQ(read.error, "");
    EXPECT_EQ(read.header.spec.base.dask_scheduler, "tcp://10.0.0.5:8786");
    ASSERT_EQ(read.cells.size(), 1u);
    EXPECT_EQ(read.cells.front().config.dask_scheduler, "tcp://10.0.0.5:8786");
    CellResult local = cell;
    local.config.dask_scheduler.clear();
    EXPECT_TRUE(has(journal_from_text(header + journal_cell_line(local)).error, "is not a cell of the sweep"));

    SweepSpec other = spec;
    other.base.dask_scheduler = "tcp://10.0.0.6:8786";
    auto d = sweep_differences(spec, other);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].field, "dask-scheduler") << "named as the option that sets it";
    EXPECT_EQ(describe(d), "dask-scheduler: the journal has \"tcp://10.0.0.5:8786\", here \"tcp://10.0.0.6:8786\"");
    other.base.dask_scheduler.clear();
    EXPECT_TRUE(has(describe(sweep_differences(spec, other)), "here \"a LocalCluster\"")) << describe(sweep_differences(spec, other));
    const std::string local_header = journal_header_line(journal_header(other, machine_info()));
    EXPECT_TRUE(has(local_header, "\"dask_scheduler\":null")) << local_header;
    const Journal local_read = journal_from_text(local_header);
    ASSERT_EQ(local_read.error, "");
    EXPECT_EQ(local_read.header.spec.base.dask_scheduler, "");

    spec.base.strategy = other.base.strategy = StrategyKind::PySplit;
    EXPECT_TRUE(sweep_differences(spec, other).empty()) << "py-split runs on no Dask cluster";
    EXPECT_FALSE(has(journal_header_line(journal_header(spec, machine_info())), "dask_scheduler"));
}

TEST(Journal, ASweepThatLosesADaskWorkerKeepsItAndItsCellsSayWhatWasLost)
{
    SweepSpec spec = small_sweep();
    spec.base.strategy = StrategyKind::PyDaskDistributed;
    spec.base.dask_lose_worker = true;
    spec = sweep_plan(spec);
    const std::string header = journal_header_line(journal_header(spec, machine_info()));
    EXPECT_TRUE(has(header, "\"dask_lose_worker\":true")) << header;
    CellResult cell = first_cell_done(spec);
    cell.worker_loss.runs = 1;
    cell.worker_loss.caused = true;
    cell.worker_loss.workers = {{"tcp://127.0.0.1:4001", "here", 41, "0"}};
    cell.worker_loss.tasks_rerun = 2;
    const Journal read = journal_from_text(header + journal_cell_line(cell));
    ASSERT_EQ(read.error, "");
    EXPECT_TRUE(read.header.spec.base.dask_lose_worker);
    ASSERT_EQ(read.cells.size(), 1u);
    EXPECT_EQ(read.cells.front().worker_loss, cell.worker_loss);
    CellResult kept = cell;
    kept.config.dask_lose_worker = false;
    EXPECT_TRUE(has(journal_from_text(header + journal_cell_line(kept)).error, "is not a cell of the sweep"));

    SweepSpec other = spec;
    other.base.dask_lose_worker = false;
    const auto d = sweep_differences(spec, other);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(describe(d), "dask-lose-worker: the journal has \"on\", here \"off\"");
}
