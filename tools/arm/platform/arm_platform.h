/* Bare-metal XS platform for Cortex-M (QEMU mps2-an386), newlib + semihosting. */
#ifndef __ARM_PLATFORM_H__
#define __ARM_PLATFORM_H__

#undef mxLittleEndian
#define mxLittleEndian 1
#define mxExport extern
#define mxImport extern
#define XS_FUNCTION_NORETURN __attribute__((noreturn))

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/time.h>

/* no threads: xsAtomics.c falls back to mxThreads 0 */
#define mxMachinePlatform \
	int promiseJobs; \
	void* waiterCondition; \
	void* waiterData; \
	void* waiterLink;

#define mxUseDefaultBuildKeys 1
#define mxUseDefaultChunkAllocation 1
#define mxUseDefaultSlotAllocation 1
/* no modules: fxFindModule/fxLoadModule in arm_platform.c (bundle to one script) */
#define mxUseDefaultParseScript 1
#define mxUseDefaultSharedChunks 1
#define mxUseDefaultDebug 1
#define mxUseDefaultCStackLimit 0   /* arm_platform.c: fxCStackLimit() from linker symbols */

/* deterministic clock: virtual time from CMSDK TIMER0 (see arm_platform.c) */
typedef struct timeval c_timeval;
struct timezone;
#define c_timezone timezone
extern int arm_gettimeofday(c_timeval *tv, struct timezone *tz);
#define c_gettimeofday arm_gettimeofday

#define C_PATH_MAX 256

/* xsSnapshot.c is compiled even without mxSnapshot */
#define ntohl(x) __builtin_bswap32(x)
#define htonl(x) __builtin_bswap32(x)

#endif
