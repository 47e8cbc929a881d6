// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/atomicfile.h"

#include "fullio.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace chunkscope {

std::optional<std::string> output_path_problem(const std::string& path)
{
    const std::string quoted = "\"" + path + "\"";
    if (path.empty())
        return std::string("no file name given; name the file to write");
    struct stat st {};
    if (stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return quoted + " is a folder; name a file to write (in it, or elsewhere)";
        if (!S_ISREG(st.st_mode))
            return quoted + " is not a regular file (a device, a pipe or a socket); name a file to write";
    } else if (errno != ENOENT && errno != ENOTDIR) {
        return "cannot write " + quoted + ": " + std::strerror(errno);
    }
    if (path.back() == '/')
        return quoted + " names a folder; name a file to write";
    const std::string parent = std::filesystem::path(path).parent_path().string();
    const std::string folder = parent.empty() ? "." : parent;
    const std::string folder_quoted = "\"" + folder + "\"";
    if (stat(folder.c_str(), &st) != 0)
        return "cannot write " + quoted + ": the folder " + folder_quoted +
               (errno == ENOENT ? std::string(" does not exist") : ": " + std::string(std::strerror(errno)));
    if (!S_ISDIR(st.st_mode))
        return "cannot write " + quoted + ": " + folder_quoted + " is not a folder";
    // The file is made in its folder and renamed over the name: the folder must be writable.
    if (access(folder.c_str(), W_OK | X_OK) != 0)
        return "cannot write " + quoted + ": cannot make files in the folder " + folder_quoted + " (" +
               std::strerror(errno) + ")";
    return std::nullopt;
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard()
{
    if (fd_ >= 0) {
        close(fd_);
        unlink(temporary_.c_str());
        fd_ = -1;
    }
}

bool AtomicFile::open(const std::string& path)
{
    discard();
    path_ = path;
    error_.clear();
    const std::filesystem::path target(path);
    // Built up with +=: GCC 12 at -O3 warns falsely (-Wrestrict) on "." + std::string&&.
    std::string leaf = ".";
    leaf += target.filename().string();
    leaf += ".XXXXXX";
    const std::string pattern = (target.parent_path() / leaf).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    fd_ = mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0) {
        error_ = "cannot write \"" + path + "\": " + std::strerror(errno);
        return false;
    }
    temporary_ = name.data();
    // mkstemp makes it 0600; a saved report is as readable as any file the user makes.
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(fd_, 0666 & ~mask);
    return true;
}

bool AtomicFile::commit()
{
    if (fd_ < 0) {
        if (error_.empty())
            error_ = "cannot write \"" + path_ + "\": not opened";
        return false;
    }
    const std::string text = text_.str();
    const char* step = "write";
    bool ok = detail::write_full(fd_, text.data(), text.size());
    if (ok && fsync(fd_) != 0) {
        step = "sync";
        ok = false;
    }
    if (ok && rename(temporary_.c_str(), path_.c_str()) != 0) {
        step = "rename";
        ok = false;
    }
    if (!ok) {
        error_ = std::string("cannot write \"") + path_ + "\" (" + step + "): " + std::strerror(errno);
        discard();
        return false;
    }
    close(fd_);
    fd_ = -1;
    std::string folder = std::filesystem::path(path_).parent_path().string();
    if (const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        fsync(dir);
        close(dir);
    }
    return true;
}

std::string write_file_atomically(const std::string& path, const std::string& text)
{
    AtomicFile file;
    if (!file.open(path))
        return file.error();
    file.stream() << text;
    return file.commit() ? std::string() : file.error();
}

} // namespace chunkscope
