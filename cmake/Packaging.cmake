# SPDX-License-Identifier: GPL-3.0-or-later
# The .deb (scripts/package runs cpack -G DEB): everything `cmake --install` puts in place, with
# its shared-library dependencies from dpkg-shlibdeps and the Python and MPI packages the
# py-* and mpi strategies run with as Recommends (without them those strategies say why not).
set(CPACK_PACKAGE_NAME chunkscope)
set(CPACK_PACKAGE_VENDOR "The Chunkscope maintainers")
# CPACK_PACKAGE_CONTACT (the maintainer) is set in resources/, which dates the changelog with it.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "measure how to apply a math function to a huge vector with every core")
# The extended description: lines under 80 characters, as Debian's policy asks.
set(CPACK_PACKAGE_DESCRIPTION
    "Chunkscope re-runs, in C++, the experiments of a well-known Python tutorial
on parallel NumPy vector math (exp, log, sin over millions or billions of
doubles): processes fed through pipes, processes sharing memory, threads,
oneTBB and Open MPI, next to the tutorial's own Python. The explorer window
paints a live heatmap of duration against splits and chunksize and shows where
the time goes; chunkscope-cli runs the same sweeps, comparisons and scaling
runs in a terminal.")
set(CPACK_PACKAGE_HOMEPAGE_URL ${CHUNKSCOPE_HOMEPAGE})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)        # chunkscope_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3, python3-numpy, openmpi-bin")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-numexpr, python3-numba, python3-joblib, python3-dask, python3-distributed")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)   # control files 0644, as dpkg expects
include(CPack)
