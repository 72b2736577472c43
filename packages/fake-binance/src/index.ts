export type { ListedSymbol, SymbolStatus } from './exchange-info.js';
export {
  CONTROL_PATH,
  DEFAULT_PRICES,
  type Endpoint,
  EXCHANGE_INFO_PATH,
  type FakeBinance,
  type FakeBinanceOptions,
  type FakeBinanceStats,
  type ScriptedAtStart,
  startFakeBinance,
  TICKER_PRICE_PATH,
} from './fake-binance.js';
export { type Fault, type FaultKind, parseFault } from './faults.js';
