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
