// SPDX-License-Identifier: GPL-3.0-or-later
// How fast the input vector is made (counter-v1, on one thread and on every core) and how
// long verification takes: the runner's check against the hashes of the sequential result
// (OutputReference, with the marker left behind), recomputing block by block (verify_output,
// what the MPI ranks do), and the full reference copy both replaced. A measurement, not a test:
// see bench/README.md.
//
//   chunkscope-datagen [--function F] [--repeats R] [SIZE...]      (default: 10M 100M)

#include "chunkscope/buffer.h"
#include "chunkscope/format.h"
#include "chunkscope/generator.h"
#include "chunkscope/kernels.h"
#include "chunkscope/machine.h"
#include "chunkscope/parse.h"
#include "chunkscope/verify.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

using namespace chunkscope;

namespace {

// The best wall time of `repeats` runs.
double best_of(int repeats, const std::function<void()>& work)
{
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        work();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

// The sequential kernel on every core, in blocks (what the runner's reference used to be).
void parallel_kernel(const Workload& w, const double* in, double* out)
{
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, w.size, kVerifyBlockItems),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                          apply_kernel(w.function, w.kernel, w.intensity, in + r.begin(), out + r.begin(), r.size());
                      });
}

void measure(const Workload& w, int repeats)
{
    const int cores = logical_cores();
    std::printf("%s items of %s (%s), %s each vector\n", format_size(w.size).c_str(),
                std::string(to_string(w.function)).c_str(), std::string(to_string(w.kernel)).c_str(),
                format_bytes(static_cast<double>(w.size * sizeof(double))).c_str());
    Buffer input(w.size, BufferMemory::Private), output(w.size, BufferMemory::Private);
    for (const int threads : {1, cores}) {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                        static_cast<std::size_t>(threads));
        const double s = best_of(repeats, [&] { fill_data(input.data(), 0, w.size, w); });
        std::printf("  generate, %d thread%s   %8.1f ms  %6.2f G items/s\n", threads, threads == 1 ? " " : "s",
                    s * 1e3, static_cast<double>(w.size) / s / 1e9);
    }
    parallel_kernel(w, input.data(), output.data());
    const double verify = best_of(repeats, [&] {
        if (verify_output(w, output.data()).status != Status::Ok)
            std::printf("  verification FAILED\n");
    });
    std::printf("  verify, recomputing block by block  %8.1f ms a run   (memory: input + output)\n", verify * 1e3);
    const double mark = best_of(repeats, [&] { mark_unwritten(output.data(), w.size); });
    std::printf("  mark every item unwritten (NaN)     %8.1f ms a run\n", mark * 1e3);
    std::optional<OutputReference> hashes;
    const double make_hashes = best_of(repeats, [&] { hashes = OutputReference::make(w); });
    parallel_kernel(w, input.data(), output.data());
    const double check = best_of(repeats, [&] {
        if (hashes->check(output.data()).status != Status::Ok)
            std::printf("  check FAILED\n");
    });
    double check_mark = 1e300;
    for (int r = 0; r < repeats; ++r) { // each on the result again: the check leaves the marker
        parallel_kernel(w, input.data(), output.data());
        check_mark = std::min(check_mark, best_of(1, [&] {
                                  if (hashes->check_and_mark(output.data()).status != Status::Ok)
                                      std::printf("  check FAILED\n");
                              }));
    }
    std::printf("  the runner's: hashes %8.1f ms once, then check %6.1f ms, check and mark %6.1f ms a run "
                "(memory: input + output + %s)\n",
                make_hashes * 1e3, check * 1e3, check_mark * 1e3,
                format_bytes(static_cast<double>(OutputReference::bytes(w.size, w.intensity))).c_str());
    parallel_kernel(w, input.data(), output.data()); // the result again, in place of the marker
    // Before: a third vector, the reference, made once per workload, then compared every run.
    Buffer reference(w.size, BufferMemory::Private);
    const double make = best_of(repeats, [&] {
        fill_data(reference.data(), 0, w.size, w);
        parallel_kernel(w, reference.data(), reference.data());
    });
    const double compare = best_of(repeats, [&] {
        if (std::memcmp(output.data(), reference.data(), w.size * sizeof(double)) != 0)
            std::printf("  memcmp FAILED\n");
    });
    std::printf("  before: reference copy %8.1f ms once + memcmp %6.1f ms a run  (memory: input + output "
                "+ reference)\n",
                make * 1e3, compare * 1e3);
}

} // namespace

int main(int argc, char** argv)
{
    Workload w;
    int repeats = 5;
    std::vector<std::size_t> sizes;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--function" && i + 1 < argc) {
            const auto f = parse_function(argv[++i]);
            if (!f) {
                std::fprintf(stderr, "chunkscope-datagen: unknown function %s\n", argv[i]);
                return 2;
            }
            w.function = *f;
        } else if (arg == "--repeats" && i + 1 < argc) {
            repeats = std::max(1, std::atoi(argv[++i]));
        } else if (const Parsed<std::size_t> n = parse_size(arg); n) {
            sizes.push_back(n.value);
        } else {
            std::fprintf(stderr, "chunkscope-datagen: %s\nusage: chunkscope-datagen [--function F] [--repeats R] "
                                 "[SIZE...]\n",
                         n.error.c_str());
            return 2;
        }
    }
    if (sizes.empty())
        sizes = {10'000'000, 100'000'000};
    std::printf("chunkscope-datagen: %d logical cores, best of %d\n", logical_cores(), repeats);
    for (const std::size_t n : sizes) {
        w.size = n;
        measure(w, repeats);
    }
    return 0;
}
