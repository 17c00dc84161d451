import 'reflect-metadata';
import { main } from '../../api/src/bootstrap';

// The worker runs the same composition as the API, without an HTTP listener.
void main('worker');
