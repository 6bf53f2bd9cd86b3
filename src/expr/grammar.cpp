// The one place the grammar is instantiated (X3's rexpr layout), so changes
// elsewhere in the module do not recompile Spirit.
#include "expr/grammar_def.hpp"

namespace shenpi::detail::expr::grammar {

BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type)

expression_type const& expression() {
  return expression_rule;
}

}  // namespace shenpi::detail::expr::grammar
