// Everything of shenpi's public API. Stability of these headers: see
// shenpi/version.hpp (0.x: a minor release may change them; `detail` and
// anything outside include/shenpi/ are private).
#pragma once

#include "shenpi/base.hpp"
#include "shenpi/calendar.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/diagnostics.hpp"
#include "shenpi/diff.hpp"
#include "shenpi/evaluate.hpp"
#include "shenpi/expr.hpp"
#include "shenpi/graph.hpp"
#include "shenpi/names.hpp"
#include "shenpi/notice.hpp"
#include "shenpi/record.hpp"
#include "shenpi/rulebook.hpp"
#include "shenpi/version.hpp"
