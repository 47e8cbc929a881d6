// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading an enumeration's value back from its name: every parse_* of the core is this.

#include <optional>
#include <string_view>

namespace chunkscope::detail {

// The value of values whose to_string is name, if there is one.
template <typename Values>
auto find_named(const Values& values, std::string_view name) -> std::optional<typename Values::value_type>
{
    for (const auto& v : values)
        if (to_string(v) == name)
            return v;
    return std::nullopt;
}

} // namespace chunkscope::detail
