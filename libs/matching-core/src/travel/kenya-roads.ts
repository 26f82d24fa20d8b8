import { KENYA_ROAD_NODES, KENYA_ROAD_SEGMENTS } from './kenya-roads.data';
import { RoadNetwork } from './road-network';

/** Kenya's trunk roads (data/roads/), built once: about a hundred small Dijkstra runs at import. */
export const KENYA_ROADS: RoadNetwork = RoadNetwork.build(KENYA_ROAD_NODES, KENYA_ROAD_SEGMENTS);
