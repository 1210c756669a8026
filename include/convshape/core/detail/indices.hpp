// convshape: 0, 1, ..., N-1 as a pack.
#pragma once

#include <cstddef>

namespace convshape::detail {

// std::make_index_sequence without <utility>, which the core headers leave out
// to stay light to include: the builtins libstdc++ and libc++ use themselves.
template <std::size_t... I>
struct indices {};
#if defined(__has_builtin) && __has_builtin(__make_integer_seq)
template <class T, T... I>
using indices_of = indices<I...>;
template <std::size_t N>
using make_indices = __make_integer_seq<indices_of, std::size_t, N>;
#elif defined(__has_builtin) && __has_builtin(__integer_pack)
template <std::size_t N>
using make_indices = indices<__integer_pack(N)...>;
#else
#error "convshape needs __make_integer_seq or __integer_pack (clang, g++)"
#endif

}  // namespace convshape::detail
