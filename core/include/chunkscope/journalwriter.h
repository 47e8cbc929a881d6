// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Appends a sweep's finished cells to its journal (journal.h) the moment each finishes: one
// line written and fsync'ed per cell, so what is on disk is what finished. It is an observer
// that passes every call on to another (the progress line, the window's signals).

#include "chunkscope/journal.h"
#include "chunkscope/observer.h"

#include <memory>
#include <string>

namespace chunkscope {

class JournalWriter final : public Observer {
public:
    // A new journal at path with header as its first line; refuses to replace an existing file.
    // Nothing (and *error set) when it cannot be made.
    static std::unique_ptr<JournalWriter> create(const std::string& path, const JournalHeader& header,
                                                 std::string* error);
    // Appends to a journal read back whole (read_journal): a cut-short last line is cut off first.
    static std::unique_ptr<JournalWriter> resume(const std::string& path, const Journal& journal, std::string* error);
    ~JournalWriter() override;
    JournalWriter(const JournalWriter&) = delete;
    JournalWriter& operator=(const JournalWriter&) = delete;

    // Where the calls go on to (may be null).
    void set_inner(Observer* inner) { inner_ = inner; }
    const std::string& path() const { return path_; }
    // Writes one cell's line and syncs it; false when it could not (error() says why; the
    // first failure is kept, later cells are still tried).
    bool append(const CellResult& cell);
    const std::string& error() const { return error_; }

    void on_sweep_start(std::size_t cells) override;
    void on_cell_start(const RunConfig& config, std::size_t index, std::size_t cells) override;
    void on_run_done(std::size_t index, double cell_fraction) override;
    void on_cell_done(const CellResult& result, std::size_t index, std::size_t cells, double eta_s) override;
    void on_sweep_done(std::size_t cells_done, bool cancelled) override;

private:
    JournalWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
    bool write_line(const std::string& line);

    int fd_ = -1;
    std::string path_;
    std::string error_;
    Observer* inner_ = nullptr;
};

} // namespace chunkscope
