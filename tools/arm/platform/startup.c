/* Minimal Cortex-M4F startup for QEMU mps2-an386 with newlib (rdimon semihosting). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

extern uint32_t __etext_data[], __data_start__[], __data_end__[], __bss_start__[], __bss_end__[];
extern char __StackTop[], __HeapBase[], __HeapLimit[];
extern void initialise_monitor_handles(void);
extern void __libc_init_array(void);
extern int main(void);

void Reset_Handler(void) __attribute__((noreturn));
static void Fault_Handler(void);

__attribute__((section(".vectors"), used))
const void* const __vectors[16] = {
	__StackTop,           /* initial SP */
	Reset_Handler,
	Fault_Handler,        /* NMI */
	Fault_Handler,        /* HardFault */
	Fault_Handler,        /* MemManage */
	Fault_Handler,        /* BusFault */
	Fault_Handler,        /* UsageFault */
	0, 0, 0, 0,
	Fault_Handler,        /* SVCall */
	Fault_Handler,        /* DebugMon */
	0,
	Fault_Handler,        /* PendSV */
	Fault_Handler,        /* SysTick */
};

extern void arm_timer_start(void);
void Reset_Handler(void)
{
	arm_timer_start();
	/* enable CP10/CP11 (FPU) full access before any FP instruction */
	*(volatile uint32_t*)0xE000ED88 |= (0xFu << 20);
	__asm volatile ("dsb; isb");
	uint32_t *src = __etext_data, *dst = __data_start__;
	while (dst < __data_end__) *dst++ = *src++;
	for (dst = __bss_start__; dst < __bss_end__; ) *dst++ = 0;
	initialise_monitor_handles();
	__libc_init_array();
	exit(main());
}

static void Fault_Handler(void)
{
	uint32_t ipsr, *sp;
	__asm volatile ("mrs %0, ipsr" : "=r"(ipsr));
	__asm volatile ("mrs %0, msp" : "=r"(sp));
	fprintf(stderr, "FAULT: exception %lu CFSR=%08lx HFSR=%08lx BFAR=%08lx pc=%08lx lr=%08lx\n",
		(unsigned long)ipsr, (unsigned long)*(volatile uint32_t*)0xE000ED28, (unsigned long)*(volatile uint32_t*)0xE000ED2C,
		(unsigned long)*(volatile uint32_t*)0xE000ED38, (unsigned long)sp[6], (unsigned long)sp[5]);
	exit(99);
}

/* heap in PSRAM (__HeapBase .. __HeapLimit); overrides librdimon's _sbrk, which asks the host */
static char* gHeapEnd = __HeapBase;
static char* gHeapPeak = __HeapBase;
void* _sbrk(ptrdiff_t incr)
{
	char* prev = gHeapEnd;
	if (gHeapEnd + incr > __HeapLimit || gHeapEnd + incr < __HeapBase) {
		errno = ENOMEM;
		return (void*)-1;
	}
	gHeapEnd += incr;
	if (gHeapEnd > gHeapPeak) gHeapPeak = gHeapEnd;
	return prev;
}
char* arm_heap_end(void) { return gHeapEnd; }
char* arm_heap_peak(void) { return gHeapPeak; }

/* -nostartfiles drops crti/crtn: newlib's __libc_init_array/__libc_fini_array still call these */
void _init(void) {}
void _fini(void) {}
