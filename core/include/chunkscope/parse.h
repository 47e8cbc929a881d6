#pragma once
// Parsing of command-line style values, with messages that say what was wrong and what is allowed.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chunkscope {

template <typename T>
struct Parsed {
    T value{};
    std::string error;   // empty when value is valid
    explicit operator bool() const { return error.empty(); }
};

// "10000000", "10M", "1e7", "2K", "1G" (K, M, G, T are powers of 1000; Ki, Mi, Gi of 1024).
// what names the option in the message ("--size").
Parsed<std::size_t> parse_size(std::string_view text, std::string_view what = "size");
// A whole number in [lo, hi].
Parsed<long long> parse_int(std::string_view text, long long lo, long long hi, std::string_view what);
// "1,2,4,8": each a size >= 1; not empty; no empty item.
Parsed<std::vector<std::size_t>> parse_list(std::string_view text, std::string_view what);

} // namespace chunkscope
