// SPDX-License-Identifier: GPL-3.0-or-later
#include "sequentialstrategy.h"

#include "chunkscope/kernels.h"
#include "clock.h"

namespace chunkscope::detail {

RunSample SequentialStrategy::run(const Job& job)
{
    RunSample s;
    const double t0 = now_s();
    apply_kernel(job.function, job.kernel, job.intensity, job.in, job.out, job.size);
    const double t1 = now_s();
    s.wall_s = t1 - t0;
    s.phases.compute_s = s.wall_s;
    s.events.push_back({0, 0, 0.0, s.wall_s, 0, job.size});
    return s;
}

} // namespace chunkscope::detail
