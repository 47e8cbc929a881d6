// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/inputfile.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace chunkscope {

std::string open_input_file(const std::string& path, std::ifstream& in)
{
    if (path.empty())
        return "no file named";
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return std::strerror(errno);
    if (S_ISDIR(st.st_mode))
        return "it is a folder, not a file";
    if (!S_ISREG(st.st_mode))
        return "it is not a regular file (a device, a pipe or a socket is not read)";
    in.open(path, std::ios::binary);
    if (!in)
        return std::strerror(errno);
    return {};
}

} // namespace chunkscope
