// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// GoogleTest assertions on text that print the whole text when they fail.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace chunkscope::support {

inline ::testing::AssertionResult has(const std::string& text, std::string_view part)
{
    if (text.find(part) != std::string::npos)
        return ::testing::AssertionSuccess() << "\"" << part << "\" found in:\n" << text;
    return ::testing::AssertionFailure() << "\"" << part << "\" not found in:\n" << text;
}

} // namespace chunkscope::support
