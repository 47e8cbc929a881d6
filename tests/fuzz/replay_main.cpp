// SPDX-License-Identifier: GPL-3.0-or-later
// A fuzz target's main() where libFuzzer is not linked (the GCC build): runs the target once on
// every file named, or on every file in each directory named, and says how many it ran.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    // A copy of exactly the file's size, so that reading past its end is caught as it would be
    // under libFuzzer.
    std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(data.data(), data.size());
}

} // namespace

int main(int argc, char** argv)
{
    std::size_t ran = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg = argv[i];
        if (std::filesystem::is_directory(arg)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(arg))
                if (entry.is_regular_file()) {
                    run_file(entry.path());
                    ++ran;
                }
        } else if (std::filesystem::is_regular_file(arg)) {
            run_file(arg);
            ++ran;
        }
    }
    std::printf("ran %zu inputs\n", ran);
    return ran > 0 ? 0 : 1;
}
