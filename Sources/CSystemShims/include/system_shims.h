#ifndef SITEGEN_SYSTEM_SHIMS_H
#define SITEGEN_SYSTEM_SHIMS_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (ENOSYS or EINVAL where unsupported).
int sitegen_exchange_paths(const char *first, const char *second);

#endif
