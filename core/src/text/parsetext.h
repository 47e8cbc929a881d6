// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small helpers for the parsers' text and their messages.

#include <string>
#include <string_view>

namespace chunkscope::detail {

// s without the spaces, tabs and line ends around it.
inline std::string_view trim(std::string_view s)
{
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

// s in double quotes, as the messages show what was typed.
inline std::string quoted(std::string_view s)
{
    std::string q(1, '"');
    q.append(s).push_back('"');
    return q;
}

} // namespace chunkscope::detail
