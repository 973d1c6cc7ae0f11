/*
 * Test fixture for scripts/test-windows.sh only; never shipped.
 *
 * Go's runtime (1.22 and later) gets its random numbers from ProcessPrng in
 * bcryptprimitives.dll, which Windows 10 and 11 have and Wine 8 lacks, so
 * without this every Go program stops at start-up under Wine with
 * "fatal error: bcryptprimitives.dll not found". This DLL exports
 * ProcessPrng and forwards it to RtlGenRandom (advapi32's SystemFunction036),
 * which Wine has. The test builds it with mingw-w64 into the throwaway Wine
 * prefix's system32; it is never committed as a binary.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
	(void)inst;
	(void)reason;
	(void)reserved;
	return TRUE;
}
