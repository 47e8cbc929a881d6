// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/journalwriter.h"

#include "fullio.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace chunkscope {

namespace {

std::string failure(const std::string& what, const std::string& path)
{
    return what + " \"" + path + "\": " + std::strerror(errno);
}

// The file's name in its folder survives a power cut only once the folder is synced too.
void sync_folder(const std::string& path)
{
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    const int fd = open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

} // namespace

std::unique_ptr<JournalWriter> JournalWriter::create(const std::string& path, const JournalHeader& header,
                                                     std::string* error)
{
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        *error = errno == EEXIST ? "\"" + path + "\" exists already; a journal never replaces a file"
                                 : failure("cannot create the journal", path);
        return nullptr;
    }
    std::unique_ptr<JournalWriter> w(new JournalWriter(fd, path));
    if (!w->write_line(journal_header_line(header))) {
        *error = w->error_;
        return nullptr;
    }
    sync_folder(path);
    return w;
}

std::unique_ptr<JournalWriter> JournalWriter::resume(const std::string& path, const Journal& journal,
                                                     std::string* error)
{
    const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        *error = failure("cannot open the journal", path);
        return nullptr;
    }
    std::unique_ptr<JournalWriter> w(new JournalWriter(fd, path));
    if (ftruncate(fd, static_cast<off_t>(journal.valid_bytes)) != 0 ||
        lseek(fd, static_cast<off_t>(journal.valid_bytes), SEEK_SET) < 0) {
        *error = failure("cannot append to the journal", path);
        return nullptr;
    }
    return w;
}

JournalWriter::~JournalWriter()
{
    if (fd_ >= 0)
        close(fd_);
}

bool JournalWriter::write_line(const std::string& line)
{
    // One write per line: a crash leaves at most this line cut short, never a gap before it.
    if (detail::write_full(fd_, line.data(), line.size()) && fdatasync(fd_) == 0)
        return true;
    if (error_.empty())
        error_ = failure("cannot write to the journal", path_);
    return false;
}

bool JournalWriter::append(const CellResult& cell) { return write_line(journal_cell_line(cell)); }

void JournalWriter::on_sweep_start(std::size_t cells)
{
    if (inner_)
        inner_->on_sweep_start(cells);
}

void JournalWriter::on_cell_start(const RunConfig& config, std::size_t index, std::size_t cells)
{
    if (inner_)
        inner_->on_cell_start(config, index, cells);
}

void JournalWriter::on_run_done(std::size_t index, double cell_fraction)
{
    if (inner_)
        inner_->on_run_done(index, cell_fraction);
}

void JournalWriter::on_cell_done(const CellResult& result, std::size_t index, std::size_t cells, double eta_s)
{
    if (result.status != Status::Cancelled)
        append(result);
    if (inner_)
        inner_->on_cell_done(result, index, cells, eta_s);
}

void JournalWriter::on_sweep_done(std::size_t cells_done, bool cancelled)
{
    if (inner_)
        inner_->on_sweep_done(cells_done, cancelled);
}

} // namespace chunkscope
