/* Bare-metal XS platform glue + host (main) for QEMU mps2-an386. */
#include "xsAll.h"
#include "xs.h"

/* ---- deterministic time.
   CMSDK APB TIMER0 (0x40000000) counts down at PCLK = 25 MHz of QEMU *virtual* time; with -icount shift=0
   one instruction = 1 ns, so one tick = 40 instructions. It is started by the guest (arm_timer_start(),
   called first thing in Reset_Handler), so its phase is tied to the instruction stream and deltas repeat
   exactly run to run. (The FPGAIO COUNTER at 0x40028018 starts at machine reset, before the vCPU runs,
   so its phase vs. the instruction count is random: deltas jitter by +-1 tick = 40.) */
#define TIMER0_CTRL   (*(volatile uint32_t *)0x40000000)
#define TIMER0_VALUE  (*(volatile uint32_t *)0x40000004)
#define TIMER0_RELOAD (*(volatile uint32_t *)0x40000008)
void arm_timer_start(void)
{
	TIMER0_CTRL = 0;
	TIMER0_RELOAD = 0xFFFFFFFFu;
	TIMER0_VALUE = 0xFFFFFFFFu;
	TIMER0_CTRL = 1;   /* enable, no interrupt */
}
static uint32_t gCounterHigh = 0, gCounterLast = 0;
static uint64_t counterTicks(void)
{
	uint32_t now = 0xFFFFFFFFu - TIMER0_VALUE;   /* ticks since start */
	if (now < gCounterLast) gCounterHigh++;      /* 32-bit wrap every ~171 s virtual (171 G instructions) */
	gCounterLast = now;
	return ((uint64_t)gCounterHigh << 32) | now;
}
#define mxEpochSeconds 1700000000ULL   /* fixed fake wall-clock origin: Date is deterministic */
int arm_gettimeofday(c_timeval *tv, struct timezone *tz)
{
	uint64_t us = counterTicks() / 25;
	tv->tv_sec = (time_t)(mxEpochSeconds + us / 1000000);
	tv->tv_usec = (suseconds_t)(us % 1000000);
	return 0;
}
uint32_t modMilliseconds(void) { return (uint32_t)(counterTicks() / 25000); }

/* ---- C stack limit from the linker script */
extern char __StackLimit[];
char* fxCStackLimit(void) { return __StackLimit + 4096; }

/* ---- machine platform */
void fxCreateMachinePlatform(txMachine* the)
{
	the->promiseJobs = 0;
}
void fxDeleteMachinePlatform(txMachine* the) {}
void fxQueuePromiseJobs(txMachine* the) { the->promiseJobs = 1; }

txID fxFindModule(txMachine* the, txSlot* realm, txID moduleID, txSlot* slot) { return XS_NO_ID; }
void fxLoadModule(txMachine* the, txSlot* module, txID moduleID) {}

void fxAbort(txMachine* the, int status)
{
	const char* why;
	switch (status) {
	case XS_STACK_OVERFLOW_EXIT: why = "stack overflow"; break;
	case XS_NOT_ENOUGH_MEMORY_EXIT: why = "memory full"; break;
	case XS_NO_MORE_KEYS_EXIT: why = "not enough keys"; break;
	case XS_DEAD_STRIP_EXIT: why = "dead strip"; break;
	case XS_UNHANDLED_EXCEPTION_EXIT: why = "unhandled exception"; break;
	case XS_UNHANDLED_REJECTION_EXIT: why = "unhandled rejection"; break;
	case XS_TOO_MUCH_COMPUTATION_EXIT: why = "too much computation"; break;
	default: why = "fatal"; break;
	}
	fflush(stdout);
	fprintf(stderr, "XS abort: %s", why);
	if ((status == XS_UNHANDLED_EXCEPTION_EXIT) || (status == XS_UNHANDLED_REJECTION_EXIT)) {
		static int nested = 0;
		if (!nested) {
			nested = 1;
			mxTry(the) {
				mxPush(mxException);
				fprintf(stderr, ": %s", fxToString(the, the->stack));
			}
			mxCatch(the) {}
		}
	}
	fprintf(stderr, "\n");
	exit(100 + status);
}

void fxRunLoop(txMachine* the)
{
	for (;;) {
		while (the->promiseJobs) {
			the->promiseJobs = 0;
			fxRunPromiseJobs(the);
		}
		fxEndJob(the);
		if (!the->promiseJobs)
			break;
	}
	fxCheckUnhandledRejections(the, 1);
}

/* ---- host functions */
static void xs_print(xsMachine* the)
{
	xsIntegerValue c = xsToInteger(xsArgc), i;
	for (i = 0; i < c; i++) {
		if (i) fputc(' ', stdout);
		fputs(xsToString(xsArg(i)), stdout);
	}
	fputc('\n', stdout);
	fflush(stdout);
}
static void xs_instructions(xsMachine* the)
{
	xsResult = xsNumber((double)(counterTicks() * 40));
}
static void xs_gc(xsMachine* the) { xsCollectGarbage(); }
static void xs_exit(xsMachine* the)
{
	int code = (xsToInteger(xsArgc) > 0) ? xsToInteger(xsArg(0)) : 0;
	fflush(stdout);
	exit(code);
}
extern char* arm_heap_end(void);      /* startup.c */
extern char* arm_heap_peak(void);
extern char __HeapBase[];
static void xs_heapStats(xsMachine* the)
{
	xsResult = xsNewObject();
	xsSet(xsResult, xsID("chunkUsed"), xsInteger(the->currentChunksSize));
	xsSet(xsResult, xsID("chunkPeak"), xsInteger(the->peakChunksSize));
	xsSet(xsResult, xsID("chunkReserved"), xsInteger(the->maximumChunksSize));
	xsSet(xsResult, xsID("slotUsed"), xsInteger(the->currentHeapCount * (txInteger)sizeof(txSlot)));
	xsSet(xsResult, xsID("slotPeak"), xsInteger(the->peakHeapCount * (txInteger)sizeof(txSlot)));
	xsSet(xsResult, xsID("slotReserved"), xsInteger(the->maximumHeapCount * (txInteger)sizeof(txSlot)));
	xsSet(xsResult, xsID("slotSize"), xsInteger(sizeof(txSlot)));
	xsSet(xsResult, xsID("mallocTop"), xsInteger((txInteger)(arm_heap_end() - __HeapBase)));
	xsSet(xsResult, xsID("mallocPeak"), xsInteger((txInteger)(arm_heap_peak() - __HeapBase)));
#ifdef mxInstrument
	xsSet(xsResult, xsID("parserPeak"), xsInteger(the->peakParserSize));
#endif
}

extern void modInstallTextEncoder(xsMachine *the);
extern void modInstallTextDecoder(xsMachine *the);

/* calibration: 1,000,000 iterations of a 2-instruction loop (subs; bne) = 2,000,000 instructions */
static void xs_calibrate(xsMachine* the)
{
	uint64_t a = counterTicks();
	uint32_t n = 1000000;
	__asm volatile ("1: subs %0, %0, #1\n bne 1b" : "+r"(n) :: "cc");
	uint64_t b = counterTicks();
	xsResult = xsNumber((double)(b - a) * 40);
}

static void define(xsMachine* the, const char* name, xsCallback cb, int length)
{
	xsVar(0) = xsNewHostFunction(cb, length);
	xsDefine(xsGlobal, xsID((txString)name), xsVar(0), xsDontEnum);
}

/* ---- bundled script (.incbin, see Makefile) */
extern const unsigned char bundle_js[];
extern const unsigned int bundle_js_len;

#ifndef ARM_CHUNK_SIZE
#define ARM_CHUNK_SIZE (1024 * 1024)
#endif

int main(void)
{
	uint64_t t0 = counterTicks();
	xsCreation creation = {
		ARM_CHUNK_SIZE,       /* initialChunkSize */
		256 * 1024,           /* incrementalChunkSize */
		16 * 1024,            /* initialHeapCount (slots, 16 bytes each) */
		4 * 1024,             /* incrementalHeapCount */
		4096,                 /* stackCount */
		4096,                 /* initialKeyCount */
		1024,                 /* incrementalKeyCount */
		1993,                 /* nameModulo */
		127,                  /* symbolModulo */
		64 * 1024,            /* parserBufferSize */
		1993,                 /* parserTableModulo */
		0                     /* staticSize */
	};
	xsMachine* the = xsCreateMachine(&creation, "arm", NULL);
	uint64_t t1 = counterTicks();
	xsBeginHost(the);
	{
		xsVars(1);
		define(the, "print", xs_print, 1);
		define(the, "instructions", xs_instructions, 0);
		define(the, "gc", xs_gc, 0);
		define(the, "exit", xs_exit, 1);
		define(the, "heapStats", xs_heapStats, 0);
		define(the, "calibrate", xs_calibrate, 0);
		modInstallTextEncoder(the);
		modInstallTextDecoder(the);
		xsVar(0) = xsNumber((double)(t1 - t0) * 40);
		xsDefine(xsGlobal, xsID("__bootCreateInstructions"), xsVar(0), xsDontEnum);
		{
			txStringCStream stream;
			txSlot* realm = mxProgram.value.reference->next->value.module.realm;
			stream.buffer = (txString)bundle_js;
			stream.offset = 0;
			stream.size = bundle_js_len;
			txScript* script = fxParseScript(the, &stream, fxStringCGetter, mxProgramFlag);
			uint64_t t2 = counterTicks();
			if (!script) {
				fprintf(stderr, "cannot parse bundle\n");
				exit(2);
			}
			xsVar(0) = xsNumber((double)(t2 - t1) * 40);
			xsDefine(xsGlobal, xsID("__bootParseInstructions"), xsVar(0), xsDontEnum);
			fxRunScript(the, script, mxRealmGlobal(realm), C_NULL, mxRealmClosures(realm)->value.reference, C_NULL, mxProgram.value.reference);
			mxPullSlot(mxResult);
		}
		fxRunLoop(the);
	}
	xsEndHost(the);
	fflush(stdout);
	exit(0);
}
