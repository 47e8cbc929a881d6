#include "chunkscope/results.h"

namespace chunkscope {

std::string_view to_string(Status s)
{
    return s == Status::Ok ? "ok" : s == Status::Failed ? "failed" : "cancelled";
}

std::optional<Status> parse_status(std::string_view name)
{
    for (const Status s : {Status::Ok, Status::Failed, Status::Cancelled})
        if (to_string(s) == name)
            return s;
    return std::nullopt;
}

} // namespace chunkscope
