// Dumoulin and Visin, "A guide to convolution arithmetic for deep learning"
// (arXiv:1603.07285): each relationship is a test case, swept over ranges of
// input i, kernel k, stride s, zero padding p and dilation d, with the
// relationship's own closed form as the expectation.
//
// The paper numbers them: 1-6 convolution, 7 pooling, 8-14 transposed
// convolution, 15 dilated convolution. A transposed convolution "associated
// with" a convolution of kernel k, stride s and padding p is, in convshape,
// conv_transpose with that same kernel, stride and padding.
//
// Each sweep runs twice: small in constant evaluation, larger at run time.
#include <string>

#include "support.hpp"

using test::opaque;

namespace {

struct params {
  std::int64_t i = 0, k = 0, s = 1, p = 0, d = 1;
};

/// The sweep's verdict: how many cases were in the relationship's domain,
/// and the first case where the library and the closed form disagree.
struct verdict {
  std::int64_t cases = 0;
  bool agrees = true;
  params at{};
  std::int64_t expected = 0, got = 0;
};

std::string describe(const verdict& v) {
  return "i=" + std::to_string(v.at.i) + " k=" + std::to_string(v.at.k) + " s=" + std::to_string(v.at.s) +
         " p=" + std::to_string(v.at.p) + " d=" + std::to_string(v.at.d) + ": expected " + std::to_string(v.expected) +
         ", got " + std::to_string(v.got);
}

/// Every (i, k, s, p, d) with 1 <= i <= max.i, 1 <= k <= max.k, 1 <= s <= max.s,
/// 0 <= p <= max.p, 1 <= d <= max.d that `in_domain` accepts: compares
/// `library` with `closed_form`.
template <class Domain, class ClosedForm, class Library>
constexpr verdict sweep(params max, Domain in_domain, ClosedForm closed_form, Library library) {
  verdict v;
  for (std::int64_t i = 1; i <= max.i; ++i)
    for (std::int64_t k = 1; k <= max.k; ++k)
      for (std::int64_t s = 1; s <= max.s; ++s)
        for (std::int64_t p = 0; p <= max.p; ++p)
          for (std::int64_t d = 1; d <= max.d; ++d) {
            const params at{i, k, s, p, d};
            if (!in_domain(at)) continue;
            ++v.cases;
            const std::int64_t expected = closed_form(at);
            const std::int64_t got = library(at);
            if (v.agrees && expected != got) v = {v.cases, false, at, expected, got};
          }
  return v;
}

/// floor(a / b) for b > 0: the paper's floor, written independently of the library.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// The library's answers; -1 when it reports an error.
constexpr std::int64_t conv_length(const params& a, cs::padding<1> padding) {
  const auto r = cs::try_conv(cs::ncw(1, 1, a.i),
                              {.filters = 1, .kernel = a.k, .strides = a.s, .padding = padding, .dilation = a.d});
  return r ? r->length() : -1;
}
constexpr std::int64_t conv_length(const params& a) { return conv_length(a, a.p); }

constexpr std::int64_t transposed_length(std::int64_t input, const params& a, std::int64_t output_padding,
                                         cs::padding<1> padding) {
  const auto r = cs::try_conv_transpose(
      cs::nwc(1, input, 1),
      {.filters = 1, .kernel = a.k, .strides = a.s, .padding = padding, .output_padding = output_padding});
  return r ? r->length() : -1;
}
constexpr std::int64_t transposed_length(std::int64_t input, const params& a, std::int64_t output_padding = 0) {
  return transposed_length(input, a, output_padding, a.p);
}

// Sweep bounds: the compile-time ones stay within clang's constexpr step limit.
constexpr params small{.i = 12, .k = 5, .s = 3, .p = 3, .d = 3};
const params large{.i = opaque(64), .k = opaque(9), .s = opaque(5), .p = opaque(5), .d = opaque(4)};

/// Relationship n: checks the sweep in constant evaluation and at run time,
/// and that the domain is not empty (a vacuous sweep proves nothing).
#define CHECK_RELATIONSHIP(sweep_call)                     \
  do {                                                     \
    STATIC_REQUIRE((sweep_call)(small).agrees);            \
    STATIC_REQUIRE((sweep_call)(small).cases > 10);        \
    const verdict v = (sweep_call)(large);                 \
    INFO(describe(v) << " after " << v.cases << " cases"); \
    CHECK(v.agrees);                                       \
    CHECK(v.cases > (sweep_call)(small).cases);            \
  } while (false)

}  // namespace

TEST_CASE("Relationship 1: s = 1, p = 0 gives o = (i - k) + 1", "[paper][conv]") {
  constexpr auto rel1 = [](params max) {
    return sweep(
        max, [](const params& a) { return a.s == 1 && a.p == 0 && a.d == 1 && a.i >= a.k; },
        [](const params& a) { return (a.i - a.k) + 1; }, [](const params& a) { return conv_length(a); });
  };
  CHECK_RELATIONSHIP(rel1);
}

TEST_CASE("Relationship 2: s = 1 gives o = (i - k) + 2p + 1", "[paper][conv]") {
  constexpr auto rel2 = [](params max) {
    return sweep(
        max, [](const params& a) { return a.s == 1 && a.d == 1 && a.i + 2 * a.p >= a.k; },
        [](const params& a) { return (a.i - a.k) + 2 * a.p + 1; }, [](const params& a) { return conv_length(a); });
  };
  CHECK_RELATIONSHIP(rel2);
}

TEST_CASE("Relationship 3: half (same) padding, k odd, p = floor(k / 2), s = 1 gives o = i", "[paper][conv]") {
  constexpr auto half = [](const params& a) { return a.k % 2 == 1 && a.p == a.k / 2 && a.s == 1 && a.d == 1; };
  constexpr auto rel3 = [half](params max) {
    return sweep(
        max, half, [](const params& a) { return a.i; }, [](const params& a) { return conv_length(a); });
  };
  CHECK_RELATIONSHIP(rel3);
  // 'same' is this padding here, and keeps i as well.
  constexpr auto rel3_same = [half](params max) {
    return sweep(
        max, half, [](const params& a) { return a.i; }, [](const params& a) { return conv_length(a, cs::same); });
  };
  CHECK_RELATIONSHIP(rel3_same);
}

TEST_CASE("Relationship 4: full padding, p = k - 1, s = 1 gives o = i + (k - 1)", "[paper][conv]") {
  constexpr auto rel4 = [](params max) {
    return sweep(
        max, [](const params& a) { return a.p == a.k - 1 && a.s == 1 && a.d == 1; },
        [](const params& a) { return a.i + (a.k - 1); }, [](const params& a) { return conv_length(a); });
  };
  CHECK_RELATIONSHIP(rel4);
}

TEST_CASE("Relationship 5: p = 0 gives o = floor((i - k) / s) + 1", "[paper][conv]") {
  constexpr auto rel5 = [](params max) {
    return sweep(
        max, [](const params& a) { return a.p == 0 && a.d == 1 && a.i >= a.k; },
        [](const params& a) { return floor_div(a.i - a.k, a.s) + 1; }, [](const params& a) { return conv_length(a); });
  };
  CHECK_RELATIONSHIP(rel5);
}

TEST_CASE("Relationship 6: o = floor((i + 2p - k) / s) + 1", "[paper][conv]") {
  constexpr auto rel6 = [](params max) {
    return sweep(
        max, [](const params& a) { return a.d == 1 && a.i + 2 * a.p >= a.k; },
        [](const params& a) { return floor_div(a.i + 2 * a.p - a.k, a.s) + 1; },
        [](const params& a) { return conv_length(a); });
  };
  CHECK_RELATIONSHIP(rel6);
}

TEST_CASE("Relationship 7: pooling gives o = floor((i - k) / s) + 1", "[paper][pool]") {
  constexpr auto in_domain = [](const params& a) { return a.p == 0 && a.d == 1 && a.i >= a.k; };
  constexpr auto closed_form = [](const params& a) { return floor_div(a.i - a.k, a.s) + 1; };
  constexpr auto rel7_max = [=](params max) {
    return sweep(max, in_domain, closed_form, [](const params& a) {
      return cs::max_pool1d(cs::ncw(1, 1, a.i), {.window = a.k, .strides = a.s}).length();
    });
  };
  constexpr auto rel7_avg = [=](params max) {
    return sweep(max, in_domain, closed_form, [](const params& a) {
      return cs::avg_pool1d(cs::nwc(1, a.i, 1), {.window = a.k, .strides = a.s}).length();
    });
  };
  CHECK_RELATIONSHIP(rel7_max);
  CHECK_RELATIONSHIP(rel7_avg);
}

TEST_CASE("Relationship 8: transposed, s = 1, p = 0 gives o' = i' + (k - 1)", "[paper][conv_transpose]") {
  constexpr auto rel8 = [](params max) {
    return sweep(
        max, [](const params& a) { return a.s == 1 && a.p == 0 && a.d == 1; },
        [](const params& a) { return a.i + (a.k - 1); }, [](const params& a) { return transposed_length(a.i, a); });
  };
  CHECK_RELATIONSHIP(rel8);
}

TEST_CASE("Relationship 9: transposed, s = 1 gives o' = i' + (k - 1) - 2p", "[paper][conv_transpose]") {
  // The paper's p' = k - p - 1 >= 0, and the output is not empty.
  constexpr auto rel9 = [](params max) {
    return sweep(
        max, [](const params& a) { return a.s == 1 && a.d == 1 && a.p <= a.k - 1 && a.i + (a.k - 1) - 2 * a.p >= 1; },
        [](const params& a) { return a.i + (a.k - 1) - 2 * a.p; },
        [](const params& a) { return transposed_length(a.i, a); });
  };
  CHECK_RELATIONSHIP(rel9);
}

TEST_CASE("Relationship 10: transposed half padding, k odd, p = floor(k / 2), s = 1 gives o' = i'",
          "[paper][conv_transpose]") {
  constexpr auto half = [](const params& a) { return a.k % 2 == 1 && a.p == a.k / 2 && a.s == 1 && a.d == 1; };
  constexpr auto rel10 = [half](params max) {
    return sweep(
        max, half, [](const params& a) { return a.i; }, [](const params& a) { return transposed_length(a.i, a); });
  };
  CHECK_RELATIONSHIP(rel10);
  constexpr auto rel10_same = [half](params max) {
    return sweep(
        max, half, [](const params& a) { return a.i; },
        [](const params& a) { return transposed_length(a.i, a, 0, cs::same); });
  };
  CHECK_RELATIONSHIP(rel10_same);
}

TEST_CASE("Relationship 11: transposed full padding, p = k - 1, s = 1 gives o' = i' - (k - 1)",
          "[paper][conv_transpose]") {
  constexpr auto rel11 = [](params max) {
    return sweep(
        max, [](const params& a) { return a.p == a.k - 1 && a.s == 1 && a.d == 1 && a.i >= a.k; },
        [](const params& a) { return a.i - (a.k - 1); }, [](const params& a) { return transposed_length(a.i, a); });
  };
  CHECK_RELATIONSHIP(rel11);
}

// Relationships 12-14 sweep the forward convolution's input i; the transposed
// convolution's input i' is that convolution's output (relationship 6).
namespace {
constexpr std::int64_t forward_output(const params& a) { return floor_div(a.i + 2 * a.p - a.k, a.s) + 1; }
}  // namespace

TEST_CASE("Relationship 12: transposed, p = 0, (i - k) % s == 0 gives o' = s(i' - 1) + k", "[paper][conv_transpose]") {
  constexpr auto rel12 = [](params max) {
    return sweep(
        max, [](const params& a) { return a.p == 0 && a.d == 1 && a.i >= a.k && (a.i - a.k) % a.s == 0; },
        [](const params& a) { return a.s * (forward_output(a) - 1) + a.k; },
        [](const params& a) { return transposed_length(forward_output(a), a); });
  };
  CHECK_RELATIONSHIP(rel12);
}

TEST_CASE("Relationship 13: transposed, (i + 2p - k) % s == 0 gives o' = s(i' - 1) + k - 2p, mapping o back to i",
          "[paper][conv_transpose]") {
  constexpr auto in_domain = [](const params& a) {
    return a.d == 1 && a.i + 2 * a.p >= a.k && (a.i + 2 * a.p - a.k) % a.s == 0;
  };
  constexpr auto rel13 = [=](params max) {
    return sweep(
        max, in_domain, [](const params& a) { return a.s * (forward_output(a) - 1) + a.k - 2 * a.p; },
        [](const params& a) { return transposed_length(forward_output(a), a); });
  };
  CHECK_RELATIONSHIP(rel13);
  // In this domain the closed form is i itself: the transposed convolution undoes the shape change.
  constexpr auto rel13_inverse = [=](params max) {
    return sweep(
        max, in_domain, [](const params& a) { return a.i; },
        [](const params& a) { return transposed_length(conv_length(a), a); });
  };
  CHECK_RELATIONSHIP(rel13_inverse);
}

TEST_CASE("Relationship 14: transposed, a = (i + 2p - k) % s gives o' = s(i' - 1) + a + k - 2p, recovering every i",
          "[paper][conv_transpose]") {
  constexpr auto in_domain = [](const params& a) { return a.d == 1 && a.i + 2 * a.p >= a.k; };
  constexpr auto rel14 = [=](params max) {
    return sweep(
        max, in_domain,
        [](const params& a) { return a.s * (forward_output(a) - 1) + (a.i + 2 * a.p - a.k) % a.s + a.k - 2 * a.p; },
        [](const params& a) { return transposed_length(forward_output(a), a, (a.i + 2 * a.p - a.k) % a.s); });
  };
  CHECK_RELATIONSHIP(rel14);
  // The `a` term, passed as output_padding, picks i among the inputs that share the output o.
  constexpr auto rel14_inverse = [=](params max) {
    return sweep(
        max, in_domain, [](const params& a) { return a.i; },
        [](const params& a) { return transposed_length(conv_length(a), a, (a.i + 2 * a.p - a.k) % a.s); });
  };
  CHECK_RELATIONSHIP(rel14_inverse);
}

TEST_CASE("Relationship 15: dilated, o = floor((i + 2p - k - (k - 1)(d - 1)) / s) + 1", "[paper][conv][dilation]") {
  constexpr auto rel15 = [](params max) {
    return sweep(
        max, [](const params& a) { return a.i + 2 * a.p >= a.k + (a.k - 1) * (a.d - 1); },
        [](const params& a) { return floor_div(a.i + 2 * a.p - a.k - (a.k - 1) * (a.d - 1), a.s) + 1; },
        [](const params& a) { return conv_length(a); });
  };
  CHECK_RELATIONSHIP(rel15);
}
