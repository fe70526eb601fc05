export { ensureTlsMaterial, type TlsMaterial, type TlsOptions } from './certificates.js';
export { localIpAddresses, type LocalIpAddresses } from './local-addresses.js';
