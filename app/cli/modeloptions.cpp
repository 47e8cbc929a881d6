// SPDX-License-Identifier: GPL-3.0-or-later
#include "modeloptions.h"

#include "options.h"

#include "chunkscope/mpi.h"
#include "chunkscope/daskmodel.h"
#include "chunkscope/netmodel.h"
#include "chunkscope/parse.h"

#include <CLI/CLI.hpp>

namespace chunkscope::cli {

void ModelCliOptions::add_to(CLI::App& sub)
{
    sub.add_option("--project", project_,
                   help("mpi strategies: set beside each measured point the network model's prediction on Open MPI's "
                        "link measured here (a ping-pong on the transport run, about a second), and project the "
                        "scaling to 1, 2, 4 ... N workers on --network, a core per rank. py-dask-cluster and "
                        "py-dask-distributed: the Dask model on the cluster's costs measured here (as machine "
                        "--dask, a few seconds), projected to N workers, with the mpi twin's projection on Open "
                        "MPI's TCP link measured here beside it. N from 1 to " +
                        std::to_string(kMaxProjectedWorkers) + "; default 1024 when only --network is given."))
        ->option_text("N");
    sub.add_option("--network", network_,
                   help("mpi strategies: the network to project to, a bandwidth and a latency such as 100Gb/s,2us "
                        "(or one of them: 10GB/s, 2us; the other as the default). Implies --project. Default "
                        "100Gb/s,2us."))
        ->option_text("BW,LAT");
}

std::string ModelCliOptions::apply(const CLI::App& sub, CommandLine& cl) const
{
    const bool project = sub.count("--project") > 0;
    const bool network = sub.count("--network") > 0;
    if (!project && !network)
        return {};
    const std::string option = project ? "--project" : "--network";
    const std::string name(to_string(cl.base.strategy));
    if (is_dask_cluster(cl.base.strategy) && network)
        return "--network: " + name + " is projected on its Dask cluster's costs measured here, and its mpi twin "
               "on Open MPI's TCP link measured here; --network is the network the mpi strategies (mpi, "
               "mpi-distributed) are projected to. Give --project N alone";
    if (!is_mpi(cl.base.strategy) && !is_dask_cluster(cl.base.strategy))
        return option + ": the models cover the mpi strategies (mpi, mpi-distributed) and the Dask clusters "
               "(py-dask-cluster, py-dask-distributed); " + name + " sends no messages over a network";
    cl.project_workers = 1024;
    if (project) {
        const auto n = parse_int(project_, 1, kMaxProjectedWorkers, "--project");
        if (!n)
            return n.error;
        cl.project_workers = static_cast<int>(n.value);
    }
    const auto net = parse_network(network_, "--network");
    if (!net)
        return net.error;
    cl.network = net.value;
    if (cl.format == Format::Csv)
        cl.notes.push_back("note: the model's predictions and projection are written in the table and json formats, "
                           "not csv");
    return {};
}

} // namespace chunkscope::cli
