// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A file written whole or not at all (what QSaveFile does for the window, for the Qt-free
// core and CLI): the text goes to a temporary file in the same folder, which is synced and
// then renamed over the target, so a crash while saving never leaves half a file in place of
// a good one. Left uncommitted, the temporary file is removed and the target is untouched.

#include <optional>
#include <sstream>
#include <string>

namespace chunkscope {

class AtomicFile {
public:
    AtomicFile() = default;
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Makes the temporary file next to path (so a folder that cannot be written is found before
    // anything runs); false and error() when it cannot.
    bool open(const std::string& path);
    bool is_open() const { return fd_ >= 0; }
    // What will be written: everything put here goes to the file on commit().
    std::ostream& stream() { return text_; }
    // Writes, syncs, renames over the target; false and error() when any step fails, and then
    // the target is as it was.
    bool commit();
    const std::string& error() const { return error_; }

private:
    void discard();

    std::string path_;
    std::string temporary_;
    std::ostringstream text_;
    std::string error_;
    int fd_ = -1;
};

// Why a file could not be written at path (by AtomicFile: a new file in its folder, renamed over
// it), or nothing when it could: an empty name, a name that is a folder or not a regular file, a
// folder that is missing, is not a folder, or cannot be written in. Checks only: it creates,
// truncates and leaves nothing. The CLI asks it of every output path before anything runs.
std::optional<std::string> output_path_problem(const std::string& path);

// The whole of text to path, atomically; an empty string when done, else what went wrong.
std::string write_file_atomically(const std::string& path, const std::string& text);

} // namespace chunkscope
