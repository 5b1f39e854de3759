import { apiGet, ApiError, isAbort, type GeoResponse } from '../api/client.ts';
import { gridZoom } from './cells.ts';

/** The map's grid for a filter, range and zoom; a newer request cancels the older one. */
export class GeoData {
  geo = $state<GeoResponse | undefined>();
  loading = $state(false);
  problem = $state('');
  #request: AbortController | undefined;

  async load(filter: string, range: { from: string; to: string }, mapZoom: number): Promise<void> {
    this.#request?.abort();
    const controller = (this.#request = new AbortController());
    this.loading = true;
    try {
      this.geo = await apiGet('/api/v1/geo', {
        query: { q: filter, from: range.from, to: range.to, zoom: gridZoom(mapZoom) },
        signal: controller.signal,
      });
      this.problem = '';
    } catch (failure) {
      if (isAbort(failure)) return;
      this.problem = failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure);
    } finally {
      if (this.#request === controller) this.loading = false;
    }
  }

  dispose(): void {
    this.#request?.abort();
  }
}
