// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every fuzz target shares: the input as text, and a check that stops the run (so
// libFuzzer keeps the input) when a property of the reader does not hold.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace chunkscope::fuzz {

inline std::string text_of(const std::uint8_t* data, std::size_t size)
{
    return std::string(reinterpret_cast<const char*>(data), size);
}

// Not assert(): it must hold in the Release builds the replay tests run in.
inline void require(bool holds, std::string_view what)
{
    if (!holds) {
        std::fprintf(stderr, "fuzz property broken: %.*s\n", static_cast<int>(what.size()), what.data());
        std::abort();
    }
}

} // namespace chunkscope::fuzz
