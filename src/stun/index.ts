export { startStunServer, MAX_PACKET_BYTES, type StunServer, type StunServerOptions } from './server.js';
export {
  answerStunPacket,
  buildBindingRequest,
  buildBindingSuccess,
  buildUnknownAttributeError,
  SOFTWARE,
} from './binding.js';
export {
  ATTRIBUTE,
  MAGIC_COOKIE,
  METHOD_BINDING,
  encodeStunMessage,
  isRfc3489,
  longTermKey,
  parseStunMessage,
  verifyMessageIntegrity,
  type EncodeOptions,
  type ParseFailure,
  type ParseOptions,
  type ParseResult,
  type StunAttribute,
  type StunClass,
  type StunMessage,
} from './codec.js';
export {
  decodeMappedAddress,
  decodeXorMappedAddress,
  encodeMappedAddress,
  encodeXorMappedAddress,
  type TransportAddress,
} from './address.js';
