// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// scale --project: the network model beside the measured points and its projection, as a
// table after scale's own, or as "network_model" in the JSON report.

#include "chunkscope/netmodel.h"

#include <iosfwd>
#include <string>

namespace chunkscope::cli {

// The figures the model took, then the projection on the typed network.
void write_projection(std::ostream& os, const ScaleModel& m);
// The model as JSON (what write_projection prints, in numbers).
std::string projection_json(const ScaleModel& m);
// report: write_json's document; returns it with "network_model" added.
std::string with_projection(const std::string& report, const ScaleModel& m);

} // namespace chunkscope::cli
