// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/results.h"

#include "enumnames.h"

#include <array>

namespace chunkscope {

std::string_view to_string(Status s)
{
    return s == Status::Ok ? "ok" : s == Status::Failed ? "failed" : "cancelled";
}

std::optional<Status> parse_status(std::string_view name)
{
    static constexpr std::array kStatuses{Status::Ok, Status::Failed, Status::Cancelled};
    return detail::find_named(kStatuses, name);
}

} // namespace chunkscope
