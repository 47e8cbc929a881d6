// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Opening a file a user named for reading (a report, a session, a journal, a hostfile): only a
// regular file is read, so that naming a directory, a pipe or a device (/dev/zero never ends,
// a FIFO may never answer) is a message and not a hang.

#include <fstream>
#include <string>

namespace chunkscope {

// Opens path into in. Empty when it is open; otherwise why not ("No such file or directory",
// "it is a folder, not a file"), for the caller's "cannot open \"PATH\": ...".
std::string open_input_file(const std::string& path, std::ifstream& in);

} // namespace chunkscope
