// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading the JSON of reports and journals: every field checked, the first problem reported
// with its path ("results[3].median_s: expected a number, found string").

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

namespace chunkscope::detail {

struct ReadError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Fields {
    using Json = nlohmann::ordered_json;

public:
    Fields(const Json& object, std::string path) : object_(object), path_(std::move(path))
    {
        if (!object_.is_object())
            fail(path_, std::string("expected an object, found ") + object_.type_name());
    }

    [[noreturn]] static void fail(const std::string& path, const std::string& what)
    {
        throw ReadError(path + ": " + what);
    }
    std::string path(std::string_view key) const { return path_ + "." + std::string(key); }

    bool has(std::string_view key) const { return object_.find(key) != object_.end(); }
    const Json& at(std::string_view key) const
    {
        const auto it = object_.find(key);
        if (it == object_.end())
            fail(path(key), "missing");
        return *it;
    }
    const Json& typed(std::string_view key, bool ok, const char* expected) const
    {
        const Json& v = at(key);
        if (!ok)
            fail(path(key), std::string("expected ") + expected + ", found " + v.type_name());
        return v;
    }
    std::string text(std::string_view key) const
    {
        return typed(key, at(key).is_string(), "a string").get<std::string>();
    }
    bool boolean(std::string_view key) const { return typed(key, at(key).is_boolean(), "true or false").get<bool>(); }
    // Non-finite doubles are written as null (JSON has no NaN), so null reads back as NaN.
    double number(std::string_view key) const { return to_double(at(key), path(key)); }
    static double to_double(const Json& v, const std::string& path)
    {
        if (v.is_null())
            return std::numeric_limits<double>::quiet_NaN();
        if (!v.is_number())
            fail(path, std::string("expected a number, found ") + v.type_name());
        return v.get<double>();
    }
    std::size_t count(std::string_view key) const
    {
        const Json& v = typed(key, at(key).is_number_integer(), "a whole number");
        if (!v.is_number_unsigned())
            fail(path(key), "must not be negative, found " + v.dump());
        return v.get<std::size_t>();
    }
    int integer(std::string_view key) const
    {
        const Json& v = typed(key, at(key).is_number_integer(), "a whole number");
        const bool fits = v.is_number_unsigned() ? v.get<std::uint64_t>() <= std::numeric_limits<int>::max()
                                                 : v.get<std::int64_t>() >= std::numeric_limits<int>::min() &&
                                                       v.get<std::int64_t>() <= std::numeric_limits<int>::max();
        if (!fits)
            fail(path(key), "out of range, found " + v.dump());
        return static_cast<int>(v.get<std::int64_t>());
    }
    template <typename Parse>
    auto name(std::string_view key, Parse parse, const char* kind) const
    {
        const std::string value = text(key);
        const auto parsed = parse(value);
        if (!parsed)
            fail(path(key), "\"" + value + "\" is not a known " + kind);
        return *parsed;
    }

private:
    const Json& object_;
    std::string path_;
};

// nlohmann's messages start with "[json.exception.parse_error.101] ": drop that.
inline std::string plain_message(const std::exception& e)
{
    const std::string what = e.what();
    const auto close = what.find("] ");
    return what.rfind("[json.exception", 0) == 0 && close != std::string::npos ? what.substr(close + 2) : what;
}


} // namespace chunkscope::detail
