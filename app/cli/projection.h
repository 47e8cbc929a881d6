// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// scale --project: the network model beside the measured points and its projection, as a
// table after scale's own, or as "network_model" in the JSON report; for the Dask clusters, the
// Dask model and its mpi twin's projection, as a table or as "dask_model".

#include "chunkscope/daskmodel.h"
#include "chunkscope/netmodel.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace chunkscope::cli {

// The figures the model took, then the projection on the typed network.
void write_projection(std::ostream& os, const ScaleModel& m);
// The model as JSON (what write_projection prints, in numbers).
std::string projection_json(const ScaleModel& m);
// report: write_json's document; returns it with "network_model" added.
std::string with_projection(const std::string& report, const ScaleModel& m);

// The Dask model's figures and costs, then its projection beside the twin's (when measured).
void write_dask_projection(std::ostream& os, const DaskScaleModel& m, const std::optional<TwinProjection>& twin);
// The same as JSON.
std::string dask_projection_json(const DaskScaleModel& m, const std::optional<TwinProjection>& twin);
// report: write_json's document; returns it with "dask_model" added.
std::string with_dask_projection(const std::string& report, const DaskScaleModel& m,
                                 const std::optional<TwinProjection>& twin);

} // namespace chunkscope::cli
