/** The in-memory BundleStore meets the shared contract. */
import { describeBundleStoreContract } from '../../../sync-server/store/contract';
import { MemoryBundleStore } from '../../../sync-server/store/memory-store';

describeBundleStoreContract('MemoryBundleStore', async () => new MemoryBundleStore());
