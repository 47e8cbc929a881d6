// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/hostfile.h"

#include "chunkscope/inputfile.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

namespace chunkscope {

namespace {

// "slots=4" -> 4; "max_slots=8" -> nothing for slots but valid; anything else: an error.
std::string read_attribute(const std::string& word, HostfileEntry& entry)
{
    static constexpr std::string_view kKeys[] = {"slots", "max_slots", "max-slots", "count", "cpu"};
    const auto eq = word.find('=');
    const std::string key = word.substr(0, eq);
    bool known = false;
    for (std::string_view k : kKeys)
        known = known || key == k;
    if (eq == std::string::npos || !known)
        return "\"" + word + "\" is not an attribute Open MPI knows (slots=N, max_slots=N)";
    const std::string value = word.substr(eq + 1);
    char* end = nullptr;
    const long n = value.empty() ? -1 : std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || n < 1 || n > 1'000'000)
        return "\"" + word + "\": " + key + " must be a whole number from 1 to 1000000";
    if (key == "slots" || key == "count" || key == "cpu")
        entry.slots = static_cast<int>(n);
    return {};
}

bool host_name_ok(const std::string& name)
{
    for (const char ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != '_' && ch != ':' &&
            ch != '[' && ch != ']')
            return false;
    return !name.empty();
}

} // namespace

Hostfile read_hostfile(const std::string& path)
{
    std::ifstream in;
    if (const std::string problem = open_input_file(path, in); !problem.empty()) {
        Hostfile h;
        h.error = "hostfile \"" + path + "\" cannot be read (" + problem + "); name a file of Open MPI's format (one host per line: "
                  "name [slots=N] [max_slots=N])";
        return h;
    }
    return read_hostfile(in, path);
}

Hostfile read_hostfile(std::istream& in, const std::string& name)
{
    Hostfile h;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (const auto hash = line.find('#'); hash != std::string::npos)
            line.erase(hash);
        std::istringstream words(line);
        HostfileEntry entry;
        if (!(words >> entry.host))
            continue;
        const std::string where = "hostfile \"" + name + "\", line " + std::to_string(number) + ": ";
        if (!host_name_ok(entry.host)) {
            h.error = where + "\"" + entry.host + "\" is not a host name or address";
            return h;
        }
        for (std::string word; words >> word;) {
            if (std::string e = read_attribute(word, entry); !e.empty()) {
                h.error = where + e;
                return h;
            }
        }
        h.hosts.push_back(entry);
    }
    if (h.hosts.empty())
        h.error = "hostfile \"" + name + "\" names no host; Open MPI's format is one host per line: name [slots=N]";
    return h;
}

} // namespace chunkscope
