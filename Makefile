# caseflow — plain Makefile. Verbs: make, make demo, make check, make bench, make fuzz.
# Sources are found by wildcard, so a new module or subcommand is a new file.

CC      ?= cc
PKGS    := sqlite3 libxml-2.0 libzip xlsxwriter libmicrohttpd libsodium libpq libcurl
TESTPKGS:= cmocka jansson
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Wformat=2 -Wno-format-truncation -Wvla
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread
TEST_CFLAGS = $(shell pkg-config --cflags $(TESTPKGS) 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs $(TESTPKGS) 2>/dev/null)

REL_FLAGS  := -O2 -g
ASAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

LAYERS  := base formats store model indicators validate forecast programme placements explore families region outputs serve synth
LIB_SRC := $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
CLI_SRC := $(wildcard src/cli/*.c)
CMD_SRC := $(sort $(wildcard src/cli/cmd_*.c))
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
HUB_MIGRATIONS := $(sort $(wildcard src/store/hub_migrations/*.sql))
DFE_DATA := $(sort $(wildcard data/dfe/*.csv))
UNIT_SRC := $(wildcard tests/unit/test_*.c)

B := build
GEN_SRC := $(B)/gen/migrations.c $(B)/gen/hub_migrations.c $(B)/gen/commands.c $(B)/gen/dfe_data.c

.PHONY: all deps demo check test valgrind bench fuzz clean layers annexa-spellings bundle-dfe FORCE
all: $(B)/caseflow

deps:
	@sh tools/install-deps.sh

# --- generated sources ------------------------------------------------------
# What a wildcard found, kept in build/gen/NAME.list and rewritten only when
# it changes: deleting or renaming a migration, a subcommand or a library
# source makes the list newer than what was built from it, which a file's
# own timestamp cannot (git's GIT-CFLAGS does the same for flags).
LIST_migrations := $(MIGRATIONS)
LIST_hub_migrations := $(HUB_MIGRATIONS)
LIST_commands   := $(CMD_SRC)
LIST_dfe_data   := $(DFE_DATA)
LIST_lib        := $(LIB_SRC)
$(B)/gen/%.list: FORCE
	@mkdir -p $(@D)
	@echo '$(LIST_$*)' | cmp -s - $@ || echo '$(LIST_$*)' > $@
$(B)/gen/migrations.c: $(MIGRATIONS) $(B)/gen/migrations.list tools/embed-sql.sh
	@mkdir -p $(@D)
	sh tools/embed-sql.sh $(MIGRATIONS) > $@
$(B)/gen/hub_migrations.c: $(HUB_MIGRATIONS) $(B)/gen/hub_migrations.list tools/embed-sql.sh
	@mkdir -p $(@D)
	sh tools/embed-sql.sh --as hub_migrations store/hub_migrations.h $(HUB_MIGRATIONS) > $@
$(B)/gen/dfe_data.c: $(DFE_DATA) $(B)/gen/dfe_data.list tools/embed-data.sh
	@mkdir -p $(@D)
	sh tools/embed-data.sh $(DFE_DATA) > $@
$(B)/gen/commands.c: $(CMD_SRC) $(B)/gen/commands.list tools/gen-commands.sh
	@mkdir -p $(@D)
	sh tools/gen-commands.sh $(CMD_SRC) > $@

# --- release build ------------------------------------------------------------
REL_LIB_OBJ := $(patsubst %.c,$(B)/rel/%.o,$(LIB_SRC) $(B)/gen/migrations.c $(B)/gen/hub_migrations.c $(B)/gen/dfe_data.c)
REL_CLI_OBJ := $(patsubst %.c,$(B)/rel/%.o,$(CLI_SRC) $(B)/gen/commands.c)
$(B)/rel/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"; $(CC) $(CSTD) $(WARN) $(REL_FLAGS) -Isrc $(PKG_CFLAGS) -MMD -MP -c $< -o $@
$(B)/rel/libcaseflow.a: $(REL_LIB_OBJ) $(B)/gen/lib.list
	@rm -f $@; ar rcs $@ $(REL_LIB_OBJ)
$(B)/caseflow: $(REL_CLI_OBJ) $(B)/rel/libcaseflow.a
	$(CC) $(REL_FLAGS) -o $@ $(REL_CLI_OBJ) $(B)/rel/libcaseflow.a $(PKG_LIBS)

# --- sanitizer build (tests) --------------------------------------------------
ASAN_LIB_OBJ := $(patsubst %.c,$(B)/asan/%.o,$(LIB_SRC) $(B)/gen/migrations.c $(B)/gen/hub_migrations.c $(B)/gen/dfe_data.c)
ASAN_CLI_OBJ := $(patsubst %.c,$(B)/asan/%.o,$(CLI_SRC) $(B)/gen/commands.c)
$(B)/asan/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC asan $<"; $(CC) $(CSTD) $(WARN) $(ASAN_FLAGS) -Isrc $(PKG_CFLAGS) $(TEST_CFLAGS) -MMD -MP -c $< -o $@
$(B)/asan/libcaseflow.a: $(ASAN_LIB_OBJ) $(B)/gen/lib.list
	@rm -f $@; ar rcs $@ $(ASAN_LIB_OBJ)
$(B)/asan/caseflow: $(ASAN_CLI_OBJ) $(B)/asan/libcaseflow.a
	$(CC) $(ASAN_FLAGS) -o $@ $(ASAN_CLI_OBJ) $(B)/asan/libcaseflow.a $(PKG_LIBS)
UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/asan/tests/%,$(UNIT_SRC))
$(B)/asan/tests/%: tests/unit/%.c $(B)/asan/libcaseflow.a
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) $(ASAN_FLAGS) -Isrc -Itests $(PKG_CFLAGS) $(TEST_CFLAGS) -o $@ $< \
	    $(B)/asan/libcaseflow.a $(PKG_LIBS) $(TEST_LIBS)

# test_cli_options also checks every command's table and examples, so it
# links the CLI's objects (all but main.o) beside the library, which holds
# the generic parser (src/base/options.c) and not the commands.
CLI_TEST_OBJ := $(filter-out $(B)/asan/src/cli/main.o,$(ASAN_CLI_OBJ))
$(B)/asan/tests/test_cli_options: tests/unit/test_cli_options.c $(CLI_TEST_OBJ) $(B)/asan/libcaseflow.a
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) $(ASAN_FLAGS) -Isrc -Itests $(PKG_CFLAGS) $(TEST_CFLAGS) -o $@ $< \
	    $(CLI_TEST_OBJ) $(B)/asan/libcaseflow.a $(PKG_LIBS) $(TEST_LIBS)

# --- benchmark programs (bench/*.c, linked with the release library) ---------
BENCH_BIN := $(patsubst bench/%.c,$(B)/bench/%,$(wildcard bench/*.c))
$(B)/bench/%: bench/%.c $(B)/rel/libcaseflow.a
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) $(REL_FLAGS) -Isrc $(PKG_CFLAGS) -o $@ $< $(B)/rel/libcaseflow.a $(PKG_LIBS)

# --- Annex A spellings (development time) ----------------------------------------
# src/formats/annexa_spellings.c is committed; this rewrites it from Ofsted's
# schema when a newer one is published. The binary never reads the YAML.
ANNEXA_SCHEMA ?= ../shared/spec/annex-a/Annex_A_schema.yml
$(B)/gen-annexa-spellings: tools/gen-annexa-spellings.c $(B)/rel/libcaseflow.a
	$(CC) $(CSTD) $(WARN) $(REL_FLAGS) -Isrc $(PKG_CFLAGS) -o $@ $< $(B)/rel/libcaseflow.a $(PKG_LIBS)
annexa-spellings: $(B)/gen-annexa-spellings
	$(B)/gen-annexa-spellings $(ANNEXA_SCHEMA) > src/formats/annexa_spellings.c.new
	mv src/formats/annexa_spellings.c.new src/formats/annexa_spellings.c

# --- DfE's published tables (development time) ------------------------------------
# data/dfe/ is committed; this rewrites it from a folder of the tables as
# published, keeping what the benchmarks read (tools/bundle-dfe.sh).
DFE ?= ../shared/data/dfe
$(B)/dfe-terms: tools/dfe-terms.c $(B)/rel/libcaseflow.a
	$(CC) $(CSTD) $(WARN) $(REL_FLAGS) -Isrc $(PKG_CFLAGS) -o $@ $< $(B)/rel/libcaseflow.a $(PKG_LIBS)
bundle-dfe: $(B)/caseflow $(B)/dfe-terms
	sh tools/bundle-dfe.sh $(B)/caseflow $(B)/dfe-terms $(DFE) data/dfe

# --- verbs ------------------------------------------------------------------
layers:
	@sh tools/check-layers.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh

# check runs the valgrind pass (tools/valgrind.sh, ~45 s of CPU) before the
# tests, then the tests whatever it found, so the last line stays
# "N passed, N failed"; VALGRIND=no leaves it out (make valgrind runs it alone).
VALGRIND ?= yes
test check:
	@sh tools/install-deps.sh check
	@$(MAKE) --no-print-directory all $(B)/asan/caseflow $(UNIT_BIN)
	@sh tools/check-layers.sh
	@sh tools/check-banned.sh
	@vg=0; if [ "$(VALGRIND)" != no ]; then sh tools/valgrind.sh || vg=1; fi; sh tests/run.sh && exit $$vg

valgrind: deps
	@$(MAKE) --no-print-directory all
	@sh tools/valgrind.sh

bench:
	@sh tools/install-deps.sh bench
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@sh bench/run.sh

FUZZ_SECONDS ?= 60
fuzz:
	@sh tools/install-deps.sh fuzz
	@sh fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
