export {
  CONTROL_PATH,
  DEFAULT_PRICES,
  type FakeBinance,
  type FakeBinanceOptions,
  startFakeBinance,
  TICKER_PRICE_PATH,
} from './fake-binance.js';
export { type Fault, type FaultKind, parseFault } from './faults.js';
